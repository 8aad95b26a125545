package dev.kaigi.chassis.openapi;

import dev.kaigi.chassis.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Documents the errors every endpoint shares, so resources declare only their own: each 4xx/5xx
 * response is {@code application/problem+json} with the Problem schema, every {@code /api}
 * operation lists 401, 500 and 503 (the database or a called system unavailable, with
 * {@code Retry-After}: {@code ProblemMappers}), and every operation with a request body lists 400.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<?, Operation> entry : item.getOperations().entrySet()) {
                Operation op = entry.getValue();
                APIResponses responses = addSharedResponses(op);
                responses.getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.setContent(problemContent());
                    }
                });
            }
        });
    }

    /**
     * Lists the responses every operation can give (400 where it takes a body, 401, 500, 503 with
     * Retry-After) where it does not list them itself; their content is the caller's to set.
     */
    public static APIResponses addSharedResponses(Operation op) {
        APIResponses responses = op.getResponses() != null ? op.getResponses() : OASFactory.createAPIResponses();
        op.setResponses(responses);
        if (op.getRequestBody() != null) {
            addIfAbsent(responses, "400", "Invalid request: malformed JSON, unknown or invalid fields (see errors)");
        }
        addIfAbsent(responses, "401", "No valid token");
        addIfAbsent(responses, "500", "Unexpected error (an incident id is given, nothing internal)");
        if (addIfAbsent(responses, "503", "The database or a system this call needs is unavailable: nothing was changed; "
                + "try again after Retry-After seconds")) {
            responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
        }
        return responses;
    }

    /** True when it was absent and is added now. */
    private static boolean addIfAbsent(APIResponses responses, String code, String description) {
        if (responses.getAPIResponse(code) != null) {
            return false;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        return true;
    }

    private static Content problemContent() {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }
}
