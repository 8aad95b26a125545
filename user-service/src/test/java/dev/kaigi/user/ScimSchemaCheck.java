package dev.kaigi.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.SchemaResource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a client that reads {@code /Schemas} may rely on (RFC 7643 §2, §3, §7), checked on a resource
 * the service returned: every attribute it carries is declared by the resource's schemas (the common
 * attributes of §3.1 aside), with the declared type and plurality; required attributes are present;
 * a value of an attribute with canonical values is one of them. The schemas are the ones the service
 * under test publishes, read with the third-party client, so a resource and its schema must agree.
 */
final class ScimSchemaCheck {

    /** RFC 7643 §3.1: on every resource, whatever its schema. */
    private static final Set<String> COMMON = Set.of("schemas", "id", "externalid", "meta");

    private final Map<String, SchemaResource> schemas = new LinkedHashMap<>();

    private ScimSchemaCheck() {
    }

    static ScimSchemaCheck read(ScimService scim) throws ScimException {
        ScimSchemaCheck check = new ScimSchemaCheck();
        for (SchemaResource s : scim.getSchemas().getResources()) {
            check.schemas.put(s.getId().toLowerCase(Locale.ROOT), s);
        }
        return check;
    }

    SchemaResource schema(String urn) {
        return schemas.get(urn.toLowerCase(Locale.ROOT));
    }

    /** The attribute {@code path} ({@code name} or {@code name.sub}) of the schema {@code urn}, or null. */
    AttributeDefinition attribute(String urn, String path) {
        String[] names = path.split("\\.", 2);
        AttributeDefinition a = find(schema(urn).getAttributes(), names[0]);
        return a == null || names.length == 1 ? a : find(a.getSubAttributes(), names[1]);
    }

    /** Every way {@code resource} departs from its core schema {@code coreUrn} and the extensions it names; empty if none. */
    List<String> violations(ObjectNode resource, String coreUrn) {
        List<String> out = new ArrayList<>();
        SchemaResource core = schema(coreUrn);
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            SchemaResource extension = schema(field.getKey());
            if (extension != null) {
                checkObject(extension.getAttributes(), field.getValue(), field.getKey(), out);
            } else if (!COMMON.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                AttributeDefinition a = find(core.getAttributes(), field.getKey());
                if (a == null) {
                    out.add(field.getKey() + " is not declared by " + coreUrn);
                } else {
                    checkValue(a, field.getValue(), field.getKey(), out);
                }
            }
        }
        requirePresent(core.getAttributes(), resource, "", out);
        return out;
    }

    private static void checkValue(AttributeDefinition a, JsonNode value, String path, List<String> out) {
        if (a.isMultiValued()) {
            if (!value.isArray()) {
                out.add(path + " is multi-valued but not an array");
                return;
            }
            for (JsonNode item : value) {
                checkSingle(a, item, path + "[]", out);
            }
        } else if (value.isArray()) {
            out.add(path + " is single-valued but an array");
        } else {
            checkSingle(a, value, path, out);
        }
    }

    private static void checkSingle(AttributeDefinition a, JsonNode value, String path, List<String> out) {
        boolean typeOk = switch (a.getType()) {
            case STRING, REFERENCE, DATETIME, BINARY -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> value.isIntegralNumber();
            case DECIMAL -> value.isNumber();
            case COMPLEX -> value.isObject();
        };
        if (!typeOk) {
            out.add(path + " is not of type " + a.getType() + ": " + value);
            return;
        }
        Collection<String> canonical = a.getCanonicalValues();
        if (canonical != null && !canonical.isEmpty() && value.isTextual() && !canonical.contains(value.asText())) {
            out.add(path + " is '" + value.asText() + "', not one of its canonicalValues " + canonical);
        }
        if (a.getType() == AttributeDefinition.Type.COMPLEX) {
            checkObject(a.getSubAttributes(), value, path, out);
        }
    }

    private static void checkObject(Collection<AttributeDefinition> declared, JsonNode object, String path, List<String> out) {
        if (!object.isObject()) {
            out.add(path + " is not an object");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeDefinition a = find(declared, field.getKey());
            if (a == null) {
                out.add(path + "." + field.getKey() + " is not declared");
            } else {
                checkValue(a, field.getValue(), path + "." + field.getKey(), out);
            }
        }
        requirePresent(declared, object, path + ".", out);
    }

    private static void requirePresent(Collection<AttributeDefinition> declared, JsonNode object, String prefix, List<String> out) {
        for (AttributeDefinition a : declared) {
            if (a.isRequired() && a.getReturned() != AttributeDefinition.Returned.NEVER && field(object, a.getName()) == null) {
                out.add(prefix + a.getName() + " is required but absent");
            }
        }
    }

    private static AttributeDefinition find(Collection<AttributeDefinition> attributes, String name) {
        if (attributes == null) {
            return null;
        }
        return attributes.stream().filter(a -> a.getName().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static JsonNode field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
