package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 §3.4.2.5,
 * §3.9): which attributes a response carries. {@code id} and {@code schemas} are always returned.
 */
final class ScimProjection {

    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    private final List<List<String>> included;
    private final List<List<String>> excluded;

    private ScimProjection(List<List<String>> included, List<List<String>> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    static ScimProjection of(String attributes, String excludedAttributes, String coreSchema) {
        if (attributes != null && !attributes.isBlank() && excludedAttributes != null && !excludedAttributes.isBlank()) {
            throw ScimProblems.invalidSyntax("Give either attributes or excludedAttributes, not both.");
        }
        return new ScimProjection(paths(attributes, coreSchema), paths(excludedAttributes, coreSchema));
    }

    ObjectNode apply(ObjectNode resource) {
        if (!included.isEmpty()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            resource.fields().forEachRemaining(e -> {
                if (ALWAYS.contains(e.getKey())) {
                    out.set(e.getKey(), e.getValue());
                }
            });
            for (List<String> path : included) {
                copy(resource, out, path);
            }
            return out;
        }
        if (!excluded.isEmpty()) {
            ObjectNode out = resource.deepCopy();
            for (List<String> path : excluded) {
                if (!(path.size() == 1 && ALWAYS.contains(path.get(0)))) {
                    remove(out, path);
                }
            }
            return out;
        }
        return resource;
    }

    /** A path as the keys to walk: {@code name.givenName} → [name, givenName]; an extension's URN is one key. */
    private static List<List<String>> paths(String list, String coreSchema) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<List<String>> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            if (raw.isBlank()) {
                continue;
            }
            String p = ScimSchemas.canonical(raw, coreSchema);
            String ext = ScimSchemas.extensionOf(p);
            List<String> keys = new ArrayList<>();
            if (ext != null) {
                keys.add(ext.toLowerCase(Locale.ROOT));
                p = p.length() > ext.length() ? p.substring(ext.length() + 1) : "";
            }
            if (!p.isEmpty()) {
                keys.addAll(Arrays.asList(p.split("\\.")));
            }
            out.add(keys);
        }
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> path) {
        Map.Entry<String, JsonNode> field = field(from, path.get(0));
        if (field == null) {
            return;
        }
        JsonNode value = field.getValue();
        if (path.size() == 1) {
            to.set(field.getKey(), value);
            return;
        }
        List<String> rest = path.subList(1, path.size());
        if (value.isObject()) {
            ObjectNode child = to.get(field.getKey()) instanceof ObjectNode existing ? existing : to.putObject(field.getKey());
            copy(value, child, rest);
        } else if (value.isArray()) {
            ArrayNode items = to.putArray(field.getKey());
            for (JsonNode item : value) {
                ObjectNode child = JsonNodeFactory.instance.objectNode();
                copy(item, child, rest);
                if (!child.isEmpty()) {
                    items.add(child);
                }
            }
        }
    }

    private static void remove(JsonNode from, List<String> path) {
        Map.Entry<String, JsonNode> field = field(from, path.get(0));
        if (field == null) {
            return;
        }
        if (path.size() == 1) {
            ((ObjectNode) from).remove(field.getKey());
            return;
        }
        JsonNode value = field.getValue();
        List<String> rest = path.subList(1, path.size());
        if (value.isObject()) {
            remove(value, rest);
        } else if (value.isArray()) {
            value.forEach(item -> remove(item, rest));
        }
    }

    /** The object's field named {@code name}, ignoring case (attribute names are case-insensitive). */
    static Map.Entry<String, JsonNode> field(JsonNode node, String name) {
        if (!(node instanceof ObjectNode object)) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }
}
