package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Under {@code /scim/v2}, every error leaves in the SCIM error schema (RFC 7644 §3.12) with its
 * {@code status}, {@code scimType} and {@code detail}: the problems the services and the
 * chassis' mappers build (so a rule answers with the same status as through the REST API) are
 * rewritten here, whatever raised them.
 */
public class ScimErrorFilter {

    private static final Map<String, String> SCIM_TYPE = Map.ofEntries(
            Map.entry("scim-invalid-filter", "invalidFilter"),
            Map.entry("scim-invalid-value", "invalidValue"),
            Map.entry("scim-invalid-syntax", "invalidSyntax"),
            Map.entry("scim-invalid-path", "invalidPath"),
            Map.entry("scim-no-target", "noTarget"),
            Map.entry("scim-mutability", "mutability"),
            Map.entry("scim-too-many", "tooMany"),
            Map.entry("validation-failed", "invalidValue"),
            Map.entry("malformed-json", "invalidSyntax"),
            Map.entry("json-too-deep", "invalidSyntax"),
            Map.entry("email-taken", "uniqueness"),
            Map.entry("team-name-taken", "uniqueness"));

    /**
     * Field codes whose REST message would mislead a SCIM client: the REST API refuses the OWNER role
     * to every partner, SCIM only where no OWNER allowed it.
     */
    private static final Map<String, String> SCIM_DETAIL = Map.of("owner-role-not-grantable",
            "Granting or taking the OWNER role through SCIM is off for this organization; an OWNER can allow it "
                    + "(PUT /api/v1/organization/scim-settings with ownerRoleGrantable true).");

    @ServerResponseFilter
    public void toScimError(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !isScim(request.getUriInfo().getPath())) {
            return;
        }
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putArray("schemas").add(ScimSchemas.ERROR);
        error.put("status", Integer.toString(problem.status()));
        String scimType = SCIM_TYPE.get(problem.code());
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        String detail = problem.detail();
        if (problem.errors() != null && !problem.errors().isEmpty()) {
            detail = (detail == null ? "" : detail + " ") + problem.errors().stream()
                    .map(ScimErrorFilter::describe).collect(Collectors.joining("; "));
        }
        error.put("detail", detail);
        response.setEntity(error, null, MediaType.valueOf(ScimSchemas.MEDIA_TYPE));
    }

    private static String describe(FieldViolation v) {
        String message = SCIM_DETAIL.getOrDefault(v.code(), v.message() != null ? v.message() : v.code());
        return ScimAttributeNames.of(v.field()) + ": " + message;
    }

    static boolean isScim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("scim/v2") || p.startsWith("scim/v2/");
    }
}
