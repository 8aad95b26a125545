package dev.kaigi.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.testsupport.openapi.ServedOpenApi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plausible values for OpenAPI schemas: the well-formed body a bad request is made from. */
final class SchemaValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ServedOpenApi api;

    SchemaValues(ServedOpenApi api) {
        this.api = api;
    }

    /** The schema itself, with {@code $ref} followed and the first branch of allOf/oneOf/anyOf taken. */
    JsonNode resolve(JsonNode schema) {
        JsonNode s = api.resolve(schema);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (s != null && s.has(combinator) && s.get(combinator).size() > 0 && !s.has("properties")) {
                s = api.resolve(s.get(combinator).get(0));
            }
        }
        return s == null ? JSON.objectNode() : s;
    }

    String type(JsonNode schema) {
        JsonNode s = resolve(schema);
        JsonNode type = s.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type != null) {
            return type.asText();
        }
        return s.has("properties") ? "object" : s.has("enum") ? "string" : "any";
    }

    /** Properties of an object schema, in document order. */
    List<Map.Entry<String, JsonNode>> properties(JsonNode schema) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resolve(schema).path("properties").fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    List<String> required(JsonNode schema) {
        List<String> out = new ArrayList<>();
        resolve(schema).path("required").forEach(r -> out.add(r.asText()));
        return out;
    }

    JsonNode valid(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0);
        }
        switch (type(s)) {
            case "object" -> {
                ObjectNode o = JSON.objectNode();
                if (depth < 4) {
                    properties(s).forEach(p -> o.set(p.getKey(), valid(p.getValue(), depth + 1)));
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = JSON.arrayNode();
                if (depth < 4 && s.has("items")) {
                    a.add(valid(s.get("items"), depth + 1));
                }
                return a;
            }
            case "integer" -> {
                return JSON.numberNode(s.has("minimum") ? s.get("minimum").asLong() : 1);
            }
            case "number" -> {
                return JSON.numberNode(s.has("minimum") ? s.get("minimum").asDouble() : 1.0);
            }
            case "boolean" -> {
                return JSON.booleanNode(true);
            }
            case "string" -> {
                return JSON.textNode(string(s));
            }
            default -> {
                return JSON.textNode("x");
            }
        }
    }

    private static String string(JsonNode s) {
        String format = s.path("format").asText("");
        return switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date-time" -> "2030-01-07T10:00:00Z";
            case "date" -> "2030-01-07";
            case "time", "local-time", "partial-time" -> "10:00";
            case "email" -> "someone@example.com";
            case "uri", "url" -> "https://example.com/";
            default -> s.has("example") && s.get("example").isTextual() ? s.get("example").asText() : "Sample";
        };
    }
}
