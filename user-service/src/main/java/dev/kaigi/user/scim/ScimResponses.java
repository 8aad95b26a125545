package dev.kaigi.user.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;

/** Bodies in and out of {@code /scim/v2}: JSON parsing that answers invalidSyntax, resources with ETags, list responses. */
final class ScimResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScimResponses() {
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ScimProblems.invalidSyntax("The request has no body.");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (!node.isObject()) {
                throw ScimProblems.invalidSyntax("The body is a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ScimProblems.invalidSyntax("The body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        }
    }

    /** The {@code /scim/v2} base URL of this request, for locations and references. */
    static URI base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("scim/v2").build();
    }

    static Response resource(int status, ObjectNode resource, String version) {
        Response.ResponseBuilder r = Response.status(status).entity(resource)
                .tag(new EntityTag(version, true));
        if (status == 201) {
            r.location(URI.create(resource.path("meta").path("location").asText()));
        }
        return r.build();
    }

    static Response list(List<ObjectNode> resources, long total, int startIndex) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        out.put("totalResults", total);
        out.put("startIndex", startIndex);
        out.put("itemsPerPage", resources.size());
        ArrayNode items = out.putArray("Resources");
        resources.forEach(items::add);
        return Response.ok(out).build();
    }
}
