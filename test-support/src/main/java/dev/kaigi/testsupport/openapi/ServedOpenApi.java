package dev.kaigi.testsupport.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;

/**
 * The OpenAPI document the service under test serves at {@code /q/openapi}, read as JSON. Tests that
 * must cover every endpoint walk this rather than a list of their own, so a new endpoint cannot
 * escape them.
 */
public final class ServedOpenApi {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode root;

    private ServedOpenApi(JsonNode root) {
        this.root = root;
    }

    /** Fetches the document from the running service (RestAssured's base URI and port). */
    public static ServedOpenApi fetch() {
        String json = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        try {
            return new ServedOpenApi(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One operation: its method (upper case), path template and OpenAPI object. */
    public record Operation(String method, String path, JsonNode spec) {

        /** {@code "POST /api/v1/users/{id}"}: how tables name an endpoint. */
        public String key() {
            return method + " " + path;
        }

        public boolean writes() {
            return !method.equals("GET");
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), op));
                }
            }
        }
        return operations;
    }

    /** Every served {@code "METHOD /path"}, sorted. */
    public Set<String> endpointKeys() {
        Set<String> keys = new TreeSet<>();
        operations().forEach(o -> keys.add(o.key()));
        return keys;
    }

    /** Follows a {@code $ref} ("#/components/schemas/X") to its schema; any other node is returned as is. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode node = schema;
        for (int depth = 0; node != null && node.has("$ref") && depth < 20; depth++) {
            String ref = node.get("$ref").asText();
            node = root.at(ref.substring(1));
        }
        return node;
    }

    public JsonNode root() {
        return root;
    }
}
