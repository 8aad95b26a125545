package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request body and successful response that has none an example built from its schema,
 * so each operation shows a client a whole, valid payload. A value comes, in this order, from the
 * schema's own {@code examples} ({@code @Schema(examples = ...)} on the record component: the way to
 * give a realistic value), its default, the first enum constant, its format (uuid, date-time, date,
 * email, uri, duration) or the property's name (time zones, e-mails, URLs and websites, locales, phone numbers), within the
 * schema's bounds. A string with a {@code pattern} that none of these values matches gets no
 * example, and so neither does its payload: the contract checks then name the operation, and the
 * record component needs {@code @Schema(examples = ...)}. The values are fixed, so the document
 * stays the same from build to build.
 */
final class GeneratedExamples {

    private static final int MAX_DEPTH = 8;
    private static final String INSTANT = "2026-04-06T01:30:00Z";

    /** Set while building one example when a string of it could not be given a valid value. */
    private boolean unsatisfiable;
    private SchemaGraph graph;

    void apply(OpenAPI openAPI) {
        graph = new SchemaGraph(openAPI);
        Operations.each(openAPI, (path, method, op) -> {
            if (op.getRequestBody() != null) {
                fill(op.getRequestBody().getContent());
            }
            if (op.getResponses() != null) {
                op.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        fill(response.getContent());
                    }
                });
            }
        });
    }

    private void fill(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType media : content.getMediaTypes().values()) {
            if (media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())
                    || media.getSchema() == null) {
                continue;
            }
            example(media.getSchema()).ifPresent(media::setExample);
        }
    }

    /** A valid value of {@code schema}, or empty when one of its strings has a pattern no value here matches. */
    Optional<Object> example(Schema schema) {
        unsatisfiable = false;
        Object value = value(schema, "", 0);
        return unsatisfiable ? Optional.empty() : Optional.ofNullable(value);
    }

    private Object value(Schema schema, String name, int depth) {
        if (schema.getRef() != null) {
            Schema target = graph.resolve(schema.getRef());
            return target == null || depth > MAX_DEPTH ? null : value(target, name, depth + 1);
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getDefaultValue() != null) {
            return schema.getDefaultValue();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        if (schema.getAllOf() != null && !schema.getAllOf().isEmpty()) {
            return mergedAllOf(schema, name, depth);
        }
        for (List<Schema> choice : java.util.Arrays.asList(schema.getOneOf(), schema.getAnyOf())) {
            if (choice != null && !choice.isEmpty()) {
                return value(choice.get(0), name, depth + 1);
            }
        }
        Schema.SchemaType type = typeOf(schema);
        if (type == null) {
            return schema.getProperties() != null ? object(schema, depth) : Map.of();
        }
        return switch (type) {
            case OBJECT -> object(schema, depth);
            case ARRAY -> array(schema, name, depth);
            case STRING -> string(schema, name);
            case INTEGER -> integer(schema);
            case NUMBER -> number(schema);
            case BOOLEAN -> Boolean.TRUE;
            case NULL -> null;
        };
    }

    /** The schema's type, the non-null one where 3.1 lists {@code [T, "null"]}. */
    private static Schema.SchemaType typeOf(Schema schema) {
        if (schema.getType() == null || schema.getType().isEmpty()) {
            return null;
        }
        return schema.getType().stream().filter(t -> t != Schema.SchemaType.NULL).findFirst().orElse(Schema.SchemaType.NULL);
    }

    private Object mergedAllOf(Schema schema, String name, int depth) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Object last = null;
        for (Schema part : schema.getAllOf()) {
            last = value(part, name, depth + 1);
            if (last instanceof Map<?, ?> map) {
                map.forEach((k, v) -> merged.put((String) k, v));
            }
        }
        if (schema.getProperties() != null) {
            merged.putAll(object(schema, depth));
        }
        return merged.isEmpty() ? last : merged;
    }

    private Map<String, Object> object(Schema schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().forEach((property, propertySchema) -> {
                if (depth <= MAX_DEPTH || required.contains(property)) {
                    Object value = value(propertySchema, property, depth + 1);
                    if (value != null) {
                        object.put(property, value);
                    }
                }
            });
        } else if (schema.getAdditionalPropertiesSchema() != null) {
            Object value = value(schema.getAdditionalPropertiesSchema(), "", depth + 1);
            if (value != null) {
                object.put("key", value);
            }
        }
        return object;
    }

    private List<Object> array(Schema schema, String name, int depth) {
        List<Object> array = new ArrayList<>();
        if (schema.getItems() == null || depth > MAX_DEPTH) {
            return array;
        }
        int count = Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems());
        for (int i = 0; i < count; i++) {
            Object item = value(schema.getItems(), name + i, depth + 1);
            if (item != null) {
                array.add(item);
            }
        }
        return array;
    }

    private Object string(Schema schema, String name) {
        List<String> candidates = new ArrayList<>();
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        String lower = name.toLowerCase(Locale.ROOT);
        switch (format) {
            case "uuid" -> candidates.add(UUID.nameUUIDFromBytes(("kaigi:" + name).getBytes(StandardCharsets.UTF_8)).toString());
            case "date-time" -> candidates.add(INSTANT);
            case "date" -> candidates.add("2026-04-06");
            case "time", "local-time", "partial-time" -> candidates.add("09:30:00");
            case "email" -> candidates.add("lead@customer.example");
            case "uri", "url" -> candidates.add("https://app.kaigi.example/");
            case "duration" -> candidates.add("PT30M");
            default -> { }
        }
        if (lower.contains("zone")) {
            candidates.add("Asia/Tokyo");
        }
        if (lower.contains("email")) {
            candidates.add("hanako.sato@acme.example");
        }
        if (lower.endsWith("url") || lower.endsWith("uri") || lower.contains("website")) {
            candidates.add("https://app.kaigi.example/");
        }
        if (lower.contains("locale") || lower.contains("language")) {
            candidates.add("ja");
        }
        if (lower.contains("phone") || lower.equals("mobile") || lower.equals("fax")) {
            candidates.add("+81 3-1234-5678");
        }
        if (lower.equals("etag")) {
            candidates.add("\"3\"");
        }
        candidates.add("09:30");
        candidates.add(INSTANT);
        candidates.add("2026-04-06");
        candidates.add(name.isEmpty() ? "example" : "Example " + name);
        for (String candidate : candidates) {
            String fitted = fitted(candidate, schema);
            if (fitted != null) {
                return fitted;
            }
        }
        unsatisfiable = true;
        return null;
    }

    /** {@code value} within the schema's length bounds and pattern, or null when it cannot be. */
    private static String fitted(String value, Schema schema) {
        if (schema.getPattern() == null && schema.getFormat() == null && (value.equals(INSTANT) || value.equals("09:30")
                || value.equals("2026-04-06"))) {
            return null; // a time is no fit for a free-text field: it only stands in where a pattern asks for one
        }
        String fitted = value;
        if (schema.getMinLength() != null && fitted.length() < schema.getMinLength()) {
            if (schema.getPattern() != null) {
                return null;
            }
            fitted = fitted + "x".repeat(schema.getMinLength() - fitted.length());
        }
        if (schema.getMaxLength() != null && fitted.length() > schema.getMaxLength()) {
            if (schema.getPattern() != null || schema.getFormat() != null) {
                return null;
            }
            fitted = fitted.substring(0, schema.getMaxLength());
        }
        if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(fitted).find()) {
            return null;
        }
        return fitted;
    }

    private static Object integer(Schema schema) {
        BigDecimal value = bounded(schema, BigDecimal.ONE);
        return value.longValue() == (int) value.longValue() ? (Object) (int) value.longValue() : (Object) value.longValue();
    }

    private static Object number(Schema schema) {
        return bounded(schema, BigDecimal.ONE);
    }

    private static BigDecimal bounded(Schema schema, BigDecimal wanted) {
        BigDecimal value = wanted;
        if (schema.getMinimum() != null && value.compareTo(schema.getMinimum()) < 0) {
            value = schema.getMinimum();
        }
        if (schema.getExclusiveMinimum() != null && value.compareTo(schema.getExclusiveMinimum()) <= 0) {
            value = schema.getExclusiveMinimum().add(BigDecimal.ONE);
        }
        if (schema.getMaximum() != null && value.compareTo(schema.getMaximum()) > 0) {
            value = schema.getMaximum();
        }
        return value;
    }
}
