package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The discovery documents (RFC 7644 §4, RFC 7643 §5–7): what this service provider supports, its
 * resource types and the schemas of their attributes, as the rest of this package implements them.
 */
final class ScimDiscovery {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScimDiscovery() {
    }

    static ObjectNode serviceProviderConfig(URI base) {
        ObjectNode o = F.objectNode();
        o.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        o.put("documentationUri", "https://kaigi.dev/docs/scim");
        o.putObject("patch").put("supported", true);
        o.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        o.putObject("filter").put("supported", true).put("maxResults", ScimListRequest.MAX_COUNT);
        o.putObject("changePassword").put("supported", false);
        o.putObject("sort").put("supported", true);
        o.putObject("etag").put("supported", true);
        o.putArray("authenticationSchemes").addObject().put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "A partner client's access token (client credentials) with scope scim").put("primary", true);
        o.set("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
        return o;
    }

    static List<ObjectNode> resourceTypes(URI base) {
        ObjectNode user = resourceType("User", "/Users", "User Account", ScimSchemas.USER, base);
        ArrayNode extensions = user.putArray("schemaExtensions");
        extensions.addObject().put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
        extensions.addObject().put("schema", ScimSchemas.KAIGI_USER).put("required", false);
        return List.of(user, resourceType("Group", "/Groups", "Team", ScimSchemas.GROUP, base));
    }

    /**
     * What a client may rely on (RFC 7643 §7): required is what a create needs (INV-05: the last
     * name), canonicalValues are the only values Kaigi keeps or returns, immutable is set on create only.
     */
    static List<ObjectNode> schemas(URI base) {
        ObjectNode user = schema(ScimSchemas.USER, "User", "User Account", base,
                attr("userName", "string", false, true, "immutable", "server")
                        .put("description", "The user's email address; unique across organizations (ORG-05); set on create only"),
                complex("name", false, true, attr("formatted", "string", false, false, "readOnly", "none"),
                        attr("familyName", "string", false, true, "readWrite", "none").put("description", "Required (INV-05)"),
                        attr("givenName", "string", false, false, "readWrite", "none")),
                attr("displayName", "string", false, false, "readOnly", "none"),
                attr("title", "string", false, false, "readWrite", "none"),
                attr("externalId", "string", false, false, "readWrite", "none").put("caseExact", true),
                attr("active", "boolean", false, false, "readWrite", "none").put("description", "false deactivates an ACTIVE user (LIF-01) "
                        + "and revokes the invitation of an INVITED one, who is then removed from the organization (LIF-03); it cannot be removed"),
                complex("emails", true, false, attr("value", "string", false, true, "immutable", "server").put("description", "The userName again"),
                        values(attr("type", "string", false, false, "readWrite", "none"), "work"),
                        attr("primary", "boolean", false, false, "readWrite", "none")).put("mutability", "immutable")
                        .put("description", "A Kaigi user has one address, the userName; set on create only"),
                complex("phoneNumbers", true, false, attr("value", "string", false, false, "readWrite", "none"),
                        values(attr("type", "string", false, false, "readWrite", "none"), "work", "mobile", "fax")
                                .put("description", "The profile's phone, mobile and fax; other, home and main are read as work")),
                complex("groups", true, false, attr("value", "string", false, false, "readOnly", "none"),
                        attr("$ref", "reference", false, false, "readOnly", "none")).put("mutability", "readOnly"));
        ObjectNode enterprise = schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User", base,
                attr("department", "string", false, false, "readWrite", "none"),
                attr("employeeNumber", "string", false, false, "readWrite", "none"),
                complex("manager", false, false, attr("value", "string", false, false, "readWrite", "none")
                                .put("description", "The id of another user of the organization"),
                        attr("$ref", "reference", false, false, "readOnly", "none"))
                        .put("description", "Stored and returned as sent; the bare id (as Microsoft Entra ID sends it) is read as value"));
        ObjectNode kaigi = schema(ScimSchemas.KAIGI_USER, "KaigiUser", "Kaigi role, user type and standing", base,
                values(attr("role", "string", false, false, "readWrite", "none"), names(Role.values()))
                        .put("description", "MEMBER when left out (ORG-02); OWNER only where an OWNER allowed the SCIM client to grant it; cannot be removed"),
                values(attr("userType", "string", false, false, "readWrite", "none"), names(UserType.values()))
                        .put("description", "REGULAR when left out; TEAM → REGULAR only (LIF-04); cannot be removed"),
                attr("permissionProfileId", "string", false, false, "readWrite", "none")
                        .put("description", "The organization's system profile of the type when left out; cannot be removed"),
                values(attr("status", "string", false, false, "readOnly", "none"), names(UserStatus.values()))
                        .put("description", "USR-05; DELETED only in the answer that revoked an invitation"),
                attr("superAdmin", "boolean", false, false, "readOnly", "none"));
        ObjectNode group = schema(ScimSchemas.GROUP, "Group", "Team", base,
                attr("displayName", "string", false, true, "readWrite", "server").put("description", "The team's name; unique ignoring case"),
                attr("externalId", "string", false, false, "readWrite", "none").put("caseExact", true),
                complex("members", true, false, attr("value", "string", false, false, "immutable", "none"),
                        attr("display", "string", false, false, "readOnly", "none"),
                        values(attr("type", "string", false, false, "immutable", "none"), "User"),
                        attr("$ref", "reference", false, false, "immutable", "none")));
        return List.of(user, enterprise, kaigi, group);
    }

    private static ObjectNode resourceType(String name, String endpoint, String description, String schema, URI base) {
        ObjectNode o = F.objectNode();
        o.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        o.put("id", name).put("name", name).put("endpoint", endpoint).put("description", description).put("schema", schema);
        o.set("meta", meta("ResourceType", base + "/ResourceTypes/" + name));
        return o;
    }

    private static ObjectNode schema(String id, String name, String description, URI base, ObjectNode... attributes) {
        ObjectNode o = F.objectNode();
        o.putArray("schemas").add(ScimSchemas.SCHEMA);
        o.put("id", id).put("name", name).put("description", description);
        ArrayNode list = o.putArray("attributes");
        for (ObjectNode a : attributes) {
            list.add(a);
        }
        o.set("meta", meta("Schema", base + "/Schemas/" + id));
        return o;
    }

    private static ObjectNode attr(String name, String type, boolean multi, boolean required, String mutability, String uniqueness) {
        ObjectNode a = F.objectNode().put("name", name).put("type", type).put("multiValued", multi).put("required", required)
                .put("caseExact", false).put("mutability", mutability).put("returned", "default").put("uniqueness", uniqueness);
        if (type.equals("reference")) {
            a.putArray("referenceTypes").add("User").add("Group");
        }
        return a;
    }

    private static ObjectNode values(ObjectNode attribute, String... canonicalValues) {
        ArrayNode list = attribute.putArray("canonicalValues");
        for (String v : canonicalValues) {
            list.add(v);
        }
        return attribute;
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    private static ObjectNode complex(String name, boolean multi, boolean required, ObjectNode... subAttributes) {
        ObjectNode a = attr(name, "complex", multi, required, "readWrite", "none");
        ArrayNode subs = a.putArray("subAttributes");
        for (ObjectNode s : subAttributes) {
            subs.add(s);
        }
        return a;
    }

    private static ObjectNode meta(String resourceType, String location) {
        return F.objectNode().put("resourceType", resourceType).put("location", location);
    }
}
