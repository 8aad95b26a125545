package dev.kaigi.user.scim;

import dev.kaigi.chassis.openapi.ProblemResponsesFilter;
import dev.kaigi.chassis.openapi.ServiceOpenApiStep;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents SCIM's errors as they leave ({@link ScimErrorFilter}): every 4xx and 5xx of {@code /scim/v2} is
 * {@code application/scim+json} in the SCIM error schema (RFC 7644 §3.12), and each operation lists the
 * 401, 500 and 503 every call can give, as the REST API's do.
 */
public class ScimErrorResponses implements ServiceOpenApiStep {

    static final String SCHEMA_NAME = "ScimError";

    @Override
    public void apply(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (var path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!ScimErrorFilter.isScim(path.getKey())) {
                continue;
            }
            for (var op : path.getValue().getOperations().values()) {
                used = true;
                ProblemResponsesFilter.addSharedResponses(op).getAPIResponses().forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        response.setContent(OASFactory.createContent().addMediaType(ScimSchemas.MEDIA_TYPE,
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA_NAME))
                                        .example(example(status, response.getDescription()))));
                    }
                });
            }
        }
        if (used) {
            openAPI.getComponents().addSchema(SCHEMA_NAME, schema());
        }
    }

    private static Map<String, Object> example(String status, String description) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("schemas", List.of(ScimSchemas.ERROR));
        example.put("status", status);
        example.put("detail", description);
        return example;
    }

    private static Schema schema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("schemas", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).enumeration(List.of(ScimSchemas.ERROR))));
        properties.put("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("The HTTP status, as a string").examples(List.of("400")));
        properties.put("scimType", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("What kind of 400 or 409 it is (RFC 7644 §3.12)")
                .enumeration(new ArrayList<>(List.of("invalidFilter", "invalidValue", "invalidSyntax", "invalidPath", "noTarget",
                        "mutability", "tooMany", "uniqueness"))));
        properties.put("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                .description("What happened, in the caller's language"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("A SCIM error (RFC 7644 §3.12)")
                .properties(properties)
                .required(new ArrayList<>(List.of("schemas", "status")));
    }
}
