package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a PatchOp (RFC 7644 §3.5.2: add, replace, remove, with or without a path, value
 * filters such as {@code emails[type eq "work"].value}) to a resource written with
 * {@link #normalized lower-case keys}. The result is the resource as the client wants it; the
 * services then make it so, each rule applying as for a replace.
 */
final class ScimPatch {

    /** More operations in one request are refused ({@code tooMany}). */
    static final int MAX_OPERATIONS = 1000;

    /**
     * What a resource type allows: its attributes (canonical paths), the multi-valued ones, the
     * read-only ones, those every resource has (removing one is refused as {@code invalidValue}) and
     * those set on create only (removing one, or a sub-attribute of one, is refused as
     * {@code mutability}). Either refusal keeps a remove from answering 200 while changing nothing.
     */
    record Shape(String coreSchema, Set<String> attributes, Set<String> multiValued, Set<String> readOnly,
                 Set<String> required, Set<String> immutable) {

        Shape(String coreSchema, Set<String> attributes, Set<String> multiValued, Set<String> readOnly) {
            this(coreSchema, attributes, multiValued, readOnly, Set.of(), Set.of());
        }

        boolean isImmutable(String canonical) {
            return immutable.stream().anyMatch(a -> canonical.equals(a) || canonical.startsWith(a + "."));
        }

        /** The writable attributes of an extension, without their sub-attributes: what removing the extension removes. */
        List<String> writableOf(String extension) {
            String prefix = extension.toLowerCase(Locale.ROOT) + ":";
            return attributes.stream().filter(a -> a.startsWith(prefix) && a.indexOf('.', prefix.length()) < 0)
                    .filter(a -> !readOnly.contains(a)).sorted().toList();
        }
    }

    private ScimPatch() {
    }

    static ObjectNode apply(ObjectNode resource, JsonNode body, Shape shape) {
        if (!(body instanceof ObjectNode) || !hasSchema(body, ScimSchemas.PATCH_OP)) {
            throw ScimProblems.invalidSyntax("A PATCH body is a PatchOp: {\"schemas\":[\"" + ScimSchemas.PATCH_OP + "\"],\"Operations\":[...]}.");
        }
        Map.Entry<String, JsonNode> ops = ScimProjection.field(body, "Operations");
        if (ops == null || !ops.getValue().isArray() || ops.getValue().isEmpty()) {
            throw ScimProblems.invalidSyntax("Operations must be a non-empty array.");
        }
        if (ops.getValue().size() > MAX_OPERATIONS) {
            throw ScimProblems.tooMany("At most " + MAX_OPERATIONS + " operations per request.");
        }
        ObjectNode result = resource.deepCopy();
        for (JsonNode op : ops.getValue()) {
            operation(result, op, shape);
        }
        return result;
    }

    /** A copy of {@code node} whose object keys are all lower case. */
    static JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(e -> out.set(e.getKey().toLowerCase(Locale.ROOT), normalized(e.getValue())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> out.add(normalized(item)));
            return out;
        }
        return node;
    }

    static boolean hasSchema(JsonNode body, String schema) {
        Map.Entry<String, JsonNode> schemas = ScimProjection.field(body, "schemas");
        if (schemas == null || !schemas.getValue().isArray()) {
            return false;
        }
        for (JsonNode s : schemas.getValue()) {
            if (s.asText().equalsIgnoreCase(schema)) {
                return true;
            }
        }
        return false;
    }

    private static void operation(ObjectNode resource, JsonNode op, Shape shape) {
        String kind = text(op, "op");
        if (kind == null) {
            throw ScimProblems.invalidSyntax("Each operation needs an op: add, replace or remove.");
        }
        kind = kind.toLowerCase(Locale.ROOT);
        if (!Set.of("add", "replace", "remove").contains(kind)) {
            throw ScimProblems.invalidSyntax("Unknown op '" + kind + "'; use add, replace or remove.");
        }
        String path = text(op, "path");
        Map.Entry<String, JsonNode> valueField = ScimProjection.field(op, "value");
        JsonNode value = valueField == null ? null : normalized(valueField.getValue());
        if (path == null || path.isBlank()) {
            if (kind.equals("remove")) {
                throw ScimProblems.noTarget("remove needs a path.");
            }
            if (!(value instanceof ObjectNode object)) {
                throw ScimProblems.invalidValue(kind + " without a path needs an object of attributes as its value.");
            }
            attributes(resource, null, object, kind, shape);
            return;
        }
        if (!kind.equals("remove") && value == null) {
            throw ScimProblems.invalidValue(kind + " needs a value.");
        }
        String extension = wholeExtension(path, shape);
        if (extension != null) {
            extension(resource, extension, kind, value, shape);
        } else {
            at(resource, Target.parse(path, shape), kind, value, shape);
        }
    }

    /**
     * The extension's URN when {@code path} names a whole schema extension rather than one of its
     * attributes; with or without a trailing colon (the UnboundID SDK writes one, identity providers do not).
     */
    private static String wholeExtension(String path, Shape shape) {
        String canonical = ScimSchemas.canonical(path, shape.coreSchema());
        if (canonical.endsWith(":")) {
            canonical = canonical.substring(0, canonical.length() - 1);
        }
        String extension = ScimSchemas.extensionOf(canonical);
        return extension != null && canonical.equals(extension.toLowerCase(Locale.ROOT)) ? extension : null;
    }

    /**
     * An operation whose path is a schema extension's URN (RFC 7644 §3.5.2: the value is the
     * extension's attributes): add and replace set each attribute given, the others kept; remove
     * removes every writable attribute of the extension, each under its own rules.
     */
    private static void extension(ObjectNode resource, String urn, String kind, JsonNode value, Shape shape) {
        if (kind.equals("remove")) {
            for (String attribute : shape.writableOf(urn)) {
                at(resource, Target.parse(attribute, shape), kind, null, shape);
            }
            return;
        }
        if (!(value instanceof ObjectNode object)) {
            throw ScimProblems.invalidValue("'" + urn + "' takes an object of the extension's attributes as its value.");
        }
        attributes(resource, urn, object, kind, shape);
    }

    /** Each attribute of {@code values}, named under {@code urn} (null: the core schema, where an extension's URN may key its own object). */
    private static void attributes(ObjectNode resource, String urn, ObjectNode values, String kind, Shape shape) {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = urn == null ? e.getKey() : urn + ":" + e.getKey();
            if (shape.readOnly().contains(ScimSchemas.canonical(path, shape.coreSchema()))) {
                continue; // Okta repeats the id in a replace's value; read-only attributes are ignored as in a PUT
            }
            String extension = urn == null ? wholeExtension(path, shape) : null;
            if (extension != null) {
                extension(resource, extension, kind, e.getValue(), shape);
            } else {
                at(resource, Target.parse(path, shape), kind, e.getValue(), shape);
            }
        }
    }

    /** A parsed path: keys to the attribute, an optional value filter on it, an optional sub-attribute. */
    private record Target(List<String> keys, String canonical, ScimFilter filter, String sub) {

        static Target parse(String rawPath, Shape shape) {
            String path = rawPath.strip();
            ScimFilter filter = null;
            String sub = null;
            int open = path.indexOf('[');
            if (open >= 0) {
                int close = path.lastIndexOf(']');
                if (close < open) {
                    throw ScimProblems.invalidPath("Broken path '" + rawPath + "'.");
                }
                filter = ScimFilter.parse(path.substring(open + 1, close));
                String after = path.substring(close + 1);
                if (after.startsWith(".")) {
                    sub = after.substring(1).toLowerCase(Locale.ROOT);
                } else if (!after.isEmpty()) {
                    throw ScimProblems.invalidPath("Broken path '" + rawPath + "'.");
                }
                path = path.substring(0, open);
            }
            String canonical = ScimSchemas.canonical(path, shape.coreSchema());
            String full = sub == null ? canonical : canonical + "." + sub;
            if (!shape.attributes().contains(canonical) && !shape.attributes().contains(full)) {
                throw ScimProblems.invalidPath("Unknown attribute '" + rawPath + "'.");
            }
            if (shape.readOnly().contains(canonical)) {
                throw ScimProblems.mutability("'" + rawPath + "' is read-only.");
            }
            List<String> keys = new ArrayList<>();
            String ext = ScimSchemas.extensionOf(canonical);
            String rest = canonical;
            if (ext != null) {
                keys.add(ext.toLowerCase(Locale.ROOT));
                rest = canonical.substring(ext.length() + 1);
            }
            keys.addAll(List.of(rest.split("\\.")));
            return new Target(keys, canonical, filter, sub);
        }
    }

    private static void at(ObjectNode resource, Target t, String kind, JsonNode value, Shape shape) {
        if (kind.equals("remove") || value == null || value.isNull()) {
            requireRemovable(t, shape); // a null value unassigns as a remove does (RFC 7643 §2.5)
        }
        ObjectNode parent = resource;
        for (int i = 0; i < t.keys().size() - 1; i++) {
            String k = t.keys().get(i);
            if (!(parent.get(k) instanceof ObjectNode child)) {
                if (kind.equals("remove")) {
                    return;
                }
                parent = parent.putObject(k);
            } else {
                parent = child;
            }
        }
        String key = t.keys().get(t.keys().size() - 1);
        boolean multi = shape.multiValued().contains(t.canonical());
        if (multi) {
            multiValued(parent, key, t, kind, value);
            return;
        }
        if (t.filter() != null) {
            throw ScimProblems.invalidPath("'" + t.canonical() + "' is not multi-valued; it takes no filter.");
        }
        switch (kind) {
            case "remove" -> parent.remove(key);
            case "add", "replace" -> {
                if (value.isObject() && parent.get(key) instanceof ObjectNode existing) {
                    existing.setAll((ObjectNode) value); // sub-attributes not given are kept (§3.5.2.3)
                } else {
                    parent.set(key, value);
                }
            }
            default -> throw new IllegalStateException(kind);
        }
    }

    private static void requireRemovable(Target t, Shape shape) {
        String full = t.sub() == null ? t.canonical() : t.canonical() + "." + t.sub();
        if (shape.isImmutable(full)) {
            throw ScimProblems.mutability("'" + t.canonical() + "' is set on create only; it cannot be removed.");
        }
        if (t.filter() == null && t.sub() == null && shape.required().contains(t.canonical())) {
            throw ScimProblems.invalidValue("'" + t.canonical() + "' cannot be removed: every user has one; replace it instead.");
        }
    }

    private static void multiValued(ObjectNode parent, String key, Target t, String kind, JsonNode value) {
        ArrayNode items = parent.get(key) instanceof ArrayNode a ? a : parent.putArray(key);
        if (t.filter() == null) {
            switch (kind) {
                case "add" -> {
                    for (JsonNode v : asArray(value)) {
                        if (!contains(items, v)) {
                            items.add(v);
                        }
                    }
                }
                case "replace" -> parent.set(key, asArray(value));
                case "remove" -> {
                    if (value == null) {
                        parent.remove(key);
                    } else { // Entra ID removes members by value: {"op":"remove","path":"members","value":[{"value":"…"}]}
                        for (JsonNode v : asArray(value)) {
                            removeMatching(items, v);
                        }
                    }
                }
                default -> throw new IllegalStateException(kind);
            }
            return;
        }
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (matches(t.filter(), items.get(i))) {
                matches.add(i);
            }
        }
        if (kind.equals("remove")) {
            for (int i = matches.size() - 1; i >= 0; i--) {
                if (t.sub() == null) {
                    items.remove(matches.get(i));
                } else {
                    ((ObjectNode) items.get(matches.get(i))).remove(t.sub());
                }
            }
            return;
        }
        if (matches.isEmpty()) {
            // e.g. Entra ID's replace of emails[type eq "work"].value on a user without one: add it
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            equalities(t.filter(), item);
            items.add(item);
            matches.add(items.size() - 1);
        }
        for (int i : matches) {
            ObjectNode item = (ObjectNode) items.get(i);
            if (t.sub() != null) {
                item.set(t.sub(), value);
            } else if (value.isObject()) {
                item.setAll((ObjectNode) value);
            } else {
                throw ScimProblems.invalidValue("'" + t.canonical() + "[...]' takes an object as its value.");
            }
        }
    }

    private static ArrayNode asArray(JsonNode value) {
        if (value instanceof ArrayNode a) {
            return a;
        }
        return JsonNodeFactory.instance.arrayNode().add(value);
    }

    private static boolean contains(ArrayNode items, JsonNode v) {
        for (JsonNode item : items) {
            if (sameValue(item, v)) {
                return true;
            }
        }
        return false;
    }

    private static void removeMatching(ArrayNode items, JsonNode v) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (sameValue(items.get(i), v)) {
                items.remove(i);
            }
        }
    }

    /** Two items of a multi-valued attribute are the same when their {@code value}s are (ignoring case). */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        JsonNode va = a.isObject() ? a.get("value") : a;
        JsonNode vb = b.isObject() ? b.get("value") : b;
        return va != null && vb != null && va.asText().equalsIgnoreCase(vb.asText());
    }

    /** The {@code eq} comparisons of a value filter written into a new item ({@code type eq "work"} → type: work). */
    private static void equalities(ScimFilter f, ObjectNode item) {
        if (f instanceof ScimFilter.Compare c && c.op().equals("eq")) {
            item.set(c.attribute().toLowerCase(Locale.ROOT), c.value());
        } else if (f instanceof ScimFilter.And and) {
            equalities(and.left(), item);
            equalities(and.right(), item);
        }
    }

    /** Evaluates a value filter on one item of a multi-valued attribute. */
    static boolean matches(ScimFilter f, JsonNode item) {
        if (f instanceof ScimFilter.And and) {
            return matches(and.left(), item) && matches(and.right(), item);
        }
        if (f instanceof ScimFilter.Or or) {
            return matches(or.left(), item) || matches(or.right(), item);
        }
        if (f instanceof ScimFilter.Not not) {
            return !matches(not.inner(), item);
        }
        ScimFilter.Compare c = (ScimFilter.Compare) f;
        Map.Entry<String, JsonNode> field = ScimProjection.field(item, c.attribute());
        JsonNode actual = field == null ? null : field.getValue();
        boolean present = actual != null && !actual.isNull() && !(actual.isTextual() && actual.asText().isEmpty());
        if (c.op().equals("pr")) {
            return present;
        }
        if (!present) {
            return c.op().equals("ne");
        }
        String a = actual.asText().toLowerCase(Locale.ROOT);
        String v = c.value().asText().toLowerCase(Locale.ROOT);
        return switch (c.op()) {
            case "eq" -> a.equals(v);
            case "ne" -> !a.equals(v);
            case "co" -> a.contains(v);
            case "sw" -> a.startsWith(v);
            case "ew" -> a.endsWith(v);
            case "gt" -> a.compareTo(v) > 0;
            case "ge" -> a.compareTo(v) >= 0;
            case "lt" -> a.compareTo(v) < 0;
            case "le" -> a.compareTo(v) <= 0;
            default -> false;
        };
    }

    private static String text(JsonNode node, String name) {
        Map.Entry<String, JsonNode> f = ScimProjection.field(node, name);
        return f == null || f.getValue().isNull() ? null : f.getValue().asText();
    }
}
