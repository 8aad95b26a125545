package dev.kaigi.user.scim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.rest.JsonLimits;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;

/** Bodies in and out of {@code /scim/v2}: JSON parsing that answers invalidSyntax, resources with ETags, list responses. */
final class ScimResponses {

    /** The chassis' limits (JsonLimits), the same the services' own JSON reader keeps, which already refuses deeper bodies. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(JsonLimits.CONSTRAINTS).build());

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
        } catch (StreamConstraintsException e) {
            throw ScimProblems.invalidSyntax("The body nests deeper than " + JsonLimits.MAX_NESTING_DEPTH + " levels, or holds a number longer than "
                    + JsonLimits.MAX_NUMBER_LENGTH + " digits or a string longer than " + JsonLimits.MAX_STRING_LENGTH + " characters.");
        } catch (JsonProcessingException e) {
            throw ScimProblems.invalidSyntax("The body is not valid JSON" + where(e.getLocation()) + ".");
        }
    }

    /** Jackson gives no location for some failures (a limit reached): then the message names none. */
    private static String where(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The {@code /scim/v2} base URL of this request, for locations and references. */
    static URI base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("scim/v2").build();
    }

    static Response resource(int status, ScimResource resource) {
        return resource(status, resource.json(), resource.version());
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
