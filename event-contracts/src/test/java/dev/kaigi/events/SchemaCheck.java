package dev.kaigi.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a JSON value against the subset of JSON Schema 2020-12 that {@link SchemaGenerator} emits, and the
 * {@code const} of the AsyncAPI document's header schemas. Fails on any other keyword, so a schema feature is never
 * silently unchecked.
 */
final class SchemaCheck {

    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "title", "description", "type", "properties",
            "required", "additionalProperties", "items", "enum", "const", "format");
    private static final Pattern UUID =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SchemaCheck() {
    }

    /** The violations found, each as {@code path: problem}; empty when the value conforms. */
    static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        check(schema, value, "$", violations);
        return violations;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> violations) {
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalArgumentException("SchemaCheck does not support keyword " + keyword + " at " + path);
            }
        });
        JsonNode type = schema.get("type");
        if (type != null && !hasType(type, value)) {
            violations.add(path + ": expected type " + type + " but was " + value.getNodeType());
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && !contains(allowed, value)) {
            violations.add(path + ": " + value + " is not one of " + allowed);
        }
        JsonNode constant = schema.get("const");
        if (constant != null && !constant.equals(value)) {
            violations.add(path + ": " + value + " is not " + constant);
        }
        if (value.isNull()) {
            return;
        }
        JsonNode format = schema.get("format");
        if (format != null && !hasFormat(format.asText(), value.asText())) {
            violations.add(path + ": " + value + " is not a " + format.asText());
        }
        if (value.isObject()) {
            checkObject(schema, value, path, violations);
        }
        JsonNode items = schema.get("items");
        if (value.isArray() && items != null) {
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> violations) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                violations.add(path + ": required property " + required.asText() + " is missing");
            }
        }
        boolean closed = schema.path("additionalProperties").isBoolean()
                && !schema.path("additionalProperties").asBoolean();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), fieldPath, violations);
            } else if (closed) {
                violations.add(fieldPath + ": property not allowed by the schema");
            }
        }
    }

    private static boolean hasType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("Unknown JSON Schema type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode one : values) {
            if (one.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasFormat(String format, String text) {
        try {
            switch (format) {
                case "uuid" -> {
                    return UUID.matcher(text).matches();
                }
                case "date-time" -> OffsetDateTime.parse(text);
                case "date" -> LocalDate.parse(text);
                default -> throw new IllegalArgumentException("SchemaCheck does not support format " + format);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
