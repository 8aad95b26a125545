package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Which component schemas a document's request bodies, and which its responses, reach through {@code $ref}s. */
final class SchemaGraph {

    static final String PREFIX = "#/components/schemas/";

    private final Map<String, Schema> components;

    SchemaGraph(OpenAPI openAPI) {
        this.components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
    }

    Map<String, Schema> components() {
        return components;
    }

    /** The component a {@code $ref} names, or null. */
    Schema resolve(String ref) {
        return ref != null && ref.startsWith(PREFIX) ? components.get(ref.substring(PREFIX.length())) : null;
    }

    Set<String> reachedFromRequests(OpenAPI openAPI) {
        Set<String> names = new LinkedHashSet<>();
        Operations.each(openAPI, (path, method, op) -> {
            if (op.getRequestBody() != null) {
                collect(op.getRequestBody().getContent(), names);
            }
        });
        return names;
    }

    Set<String> reachedFromResponses(OpenAPI openAPI) {
        Set<String> names = new LinkedHashSet<>();
        Operations.each(openAPI, (path, method, op) -> {
            if (op.getResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> collect(r.getContent(), names));
            }
        });
        return names;
    }

    private void collect(Content content, Set<String> names) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        Deque<Schema> todo = new ArrayDeque<>();
        content.getMediaTypes().values().stream().map(m -> m.getSchema()).filter(Objects::nonNull).forEach(todo::add);
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(PREFIX)) {
                String name = ref.substring(PREFIX.length());
                Schema target = components.get(name);
                if (names.add(name) && target != null) {
                    todo.push(target);
                }
            }
            children(schema).forEach(todo::push);
        }
    }

    /** The schemas nested directly in {@code schema}. */
    static List<Schema> children(Schema schema) {
        List<Schema> children = new java.util.ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            children.add(schema.getAdditionalPropertiesSchema());
        }
        for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (list != null) {
                children.addAll(list);
            }
        }
        return children;
    }
}
