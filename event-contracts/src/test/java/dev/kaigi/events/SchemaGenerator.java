package dev.kaigi.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Derives the JSON Schema (draft 2020-12) of an event payload from its record components, describing the JSON that
 * {@link Json#MAPPER} writes for it. Refuses types it does not know rather than guessing their JSON shape.
 */
final class SchemaGenerator {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    static final String ID_BASE = "https://kaigi.dev/schemas/events/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    static ObjectNode schemaOf(EventType<?> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", ID_BASE + fileName(type));
        schema.put("title", type.payloadType().getSimpleName());
        schema.put("description", type.description());
        schema.setAll(recordSchema(type.payloadType(), false));
        return schema;
    }

    static String fileName(EventType<?> type) {
        return type.name() + ".json";
    }

    private static ObjectNode recordSchema(Class<?> record, boolean nullable) {
        ObjectNode schema = NODES.objectNode();
        putType(schema, "object", nullable);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            String where = record.getSimpleName() + "." + component.getName();
            boolean optional = component.isAnnotationPresent(Nullable.class);
            if (optional && component.getType().isPrimitive()) {
                throw new IllegalArgumentException(where + " is @Nullable but primitive");
            }
            properties.set(component.getName(), valueSchema(component.getGenericType(), optional, where));
            if (!optional) {
                required.add(component.getName());
            }
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode valueSchema(Type type, boolean nullable, String where) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            ObjectNode schema = NODES.objectNode();
            putType(schema, "array", nullable);
            schema.set("items", valueSchema(parameterized.getActualTypeArguments()[0], false, where + "[]"));
            return schema;
        }
        if (!(type instanceof Class<?> cls)) {
            throw unsupported(type, where);
        }
        if (cls.isRecord()) {
            return recordSchema(cls, nullable);
        }
        ObjectNode schema = NODES.objectNode();
        if (cls == String.class) {
            putType(schema, "string", nullable);
        } else if (cls == UUID.class) {
            putType(schema, "string", nullable);
            schema.put("format", "uuid");
        } else if (cls == Instant.class) {
            putType(schema, "string", nullable);
            schema.put("format", "date-time");
        } else if (cls == LocalDate.class) {
            putType(schema, "string", nullable);
            schema.put("format", "date");
        } else if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            putType(schema, "integer", nullable);
        } else if (cls == boolean.class || cls == Boolean.class) {
            putType(schema, "boolean", nullable);
        } else if (cls.isEnum()) {
            putType(schema, "string", nullable);
            ArrayNode values = schema.putArray("enum");
            for (Object constant : cls.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            // "enum" constrains independently of "type", so null has to be listed too.
            if (nullable) {
                values.addNull();
            }
        } else {
            throw unsupported(type, where);
        }
        return schema;
    }

    private static void putType(ObjectNode schema, String type, boolean nullable) {
        if (nullable) {
            schema.putArray("type").add(type).add("null");
        } else {
            schema.put("type", type);
        }
    }

    private static IllegalArgumentException unsupported(Type type, String where) {
        return new IllegalArgumentException(where + " has type " + type.getTypeName()
                + ", which SchemaGenerator does not map; use a supported type or teach the generator its JSON form");
    }
}
