package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.directory.UserAccount;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Kaigi user as a SCIM User (RFC 7643 §4.1, the enterprise extension §4.3 and our extension
 * {@link ScimSchemas#KAIGI_USER}): userName is the email, active is every live status but
 * DEACTIVATED, and the work, mobile and fax phone numbers are the profile's phone, mobile and fax.
 */
final class ScimUserJson {

    static final String KAIGI = ScimSchemas.KAIGI_USER.toLowerCase(Locale.ROOT);
    static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT);

    /**
     * The attributes a PATCH may name, as canonical paths. Every user has an active state, a role, a
     * user type and a permission profile, so those cannot be removed; userName and the emails that
     * repeat it are set on create only.
     */
    static final ScimPatch.Shape SHAPE = new ScimPatch.Shape(ScimSchemas.USER,
            Set.of("id", "meta", "schemas", "groups", "username", "externalid", "name", "name.givenname", "name.familyname",
                    "name.formatted", "displayname", "title", "active", "emails", "emails.value", "emails.type",
                    "emails.primary", "phonenumbers", "phonenumbers.value", "phonenumbers.type", "phonenumbers.primary",
                    "preferredlanguage", "locale", ENTERPRISE, ENTERPRISE + ":department", ENTERPRISE + ":employeenumber",
                    ENTERPRISE + ":manager", ENTERPRISE + ":manager.value", ENTERPRISE + ":manager.$ref",
                    KAIGI, KAIGI + ":role", KAIGI + ":usertype", KAIGI + ":permissionprofileid", KAIGI + ":status",
                    KAIGI + ":superadmin"),
            Set.of("emails", "phonenumbers", "groups"),
            Set.of("id", "meta", "groups", ENTERPRISE + ":manager.$ref", KAIGI + ":status", KAIGI + ":superadmin"),
            Set.of("active", KAIGI + ":role", KAIGI + ":usertype", KAIGI + ":permissionprofileid"),
            Set.of("username", "emails"));

    /** Filterable and sortable attributes of {@code /Users}. */
    static final Map<String, ScimQuery.Field> FIELDS = Map.ofEntries(
            Map.entry("id", ScimQuery.Field.of("u.id", ScimQuery.Kind.ID)),
            Map.entry("externalid", ScimQuery.Field.of("u.externalId", ScimQuery.Kind.EXACT)),
            Map.entry("username", ScimQuery.Field.of("u.emailKey", ScimQuery.Kind.TEXT)),
            Map.entry("emails", ScimQuery.Field.of("u.emailKey", ScimQuery.Kind.TEXT)),
            Map.entry("emails.value", ScimQuery.Field.of("u.emailKey", ScimQuery.Kind.TEXT)),
            Map.entry("name.givenname", ScimQuery.Field.of("u.firstName", ScimQuery.Kind.TEXT)),
            Map.entry("name.familyname", ScimQuery.Field.of("u.lastName", ScimQuery.Kind.TEXT)),
            Map.entry("title", ScimQuery.Field.of("u.title", ScimQuery.Kind.TEXT)),
            Map.entry("active", ScimQuery.Field.of("u.status", ScimQuery.Kind.ACTIVE)),
            Map.entry("meta.created", ScimQuery.Field.of("u.createdAt", ScimQuery.Kind.TIME)),
            Map.entry("meta.resourcetype", ScimQuery.Field.of("'User'", ScimQuery.Kind.TEXT)),
            Map.entry(ENTERPRISE + ":department", ScimQuery.Field.of("u.department", ScimQuery.Kind.TEXT)),
            Map.entry(ENTERPRISE + ":employeenumber", ScimQuery.Field.of("u.employeeNumber", ScimQuery.Kind.EXACT)),
            Map.entry(ENTERPRISE + ":manager.value", ScimQuery.Field.of("u.managerId", ScimQuery.Kind.ID)),
            Map.entry(KAIGI + ":role", new ScimQuery.Field("u.role", ScimQuery.Kind.ENUM, Role.class)),
            Map.entry(KAIGI + ":usertype", new ScimQuery.Field("u.userType", ScimQuery.Kind.ENUM, UserType.class)),
            Map.entry(KAIGI + ":status", new ScimQuery.Field("u.status", ScimQuery.Kind.ENUM, UserStatus.class)));

    private ScimUserJson() {
    }

    /** The user; {@code base} is the {@code /scim/v2} URL for locations and references (null inside a PATCH). */
    static ObjectNode of(UserAccount u, UUID superAdminId, URI base) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.putArray("schemas").add(ScimSchemas.USER).add(ScimSchemas.ENTERPRISE_USER).add(ScimSchemas.KAIGI_USER);
        o.put("id", u.id.toString());
        putIfSet(o, "externalId", u.externalId);
        o.put("userName", u.email);
        ObjectNode name = o.putObject("name");
        name.put("formatted", u.firstName == null ? u.lastName : u.lastName + " " + u.firstName);
        name.put("familyName", u.lastName);
        putIfSet(name, "givenName", u.firstName);
        o.put("displayName", name.get("formatted").asText());
        putIfSet(o, "title", u.title);
        o.put("active", u.status == UserStatus.ACTIVE || u.status == UserStatus.INVITED);
        o.putArray("emails").addObject().put("value", u.email).put("type", "work").put("primary", true);
        ArrayNode phones = f.arrayNode();
        phone(phones, u.phone, "work");
        phone(phones, u.mobile, "mobile");
        phone(phones, u.fax, "fax");
        if (!phones.isEmpty()) {
            o.set("phoneNumbers", phones);
        }
        if (!u.teamIds.isEmpty()) {
            ArrayNode groups = o.putArray("groups");
            u.teamIds.stream().sorted().forEach(team -> {
                ObjectNode g = groups.addObject().put("value", team.toString());
                if (base != null) {
                    g.put("$ref", base + "/Groups/" + team);
                }
            });
        }
        ObjectNode enterprise = o.putObject(ScimSchemas.ENTERPRISE_USER);
        putIfSet(enterprise, "department", u.department);
        putIfSet(enterprise, "employeeNumber", u.employeeNumber);
        if (u.managerId != null) {
            ObjectNode manager = enterprise.putObject("manager").put("value", u.managerId.toString());
            if (base != null) {
                manager.put("$ref", base + "/Users/" + u.managerId);
            }
        }
        o.putObject(ScimSchemas.KAIGI_USER)
                .put("role", u.role.name())
                .put("userType", u.userType.name())
                .put("permissionProfileId", u.permissionProfileId.toString())
                .put("status", u.status.name())
                .put("superAdmin", u.id.equals(superAdminId));
        if (base != null) {
            o.putObject("meta").put("resourceType", "User")
                    .put("created", u.createdAt.toString())
                    .put("location", base + "/Users/" + u.id)
                    .put("version", version(u.version));
        }
        return o;
    }

    static String version(long version) {
        return "W/\"" + version + "\"";
    }

    private static void phone(ArrayNode phones, String value, String type) {
        if (value != null && !value.isBlank()) {
            phones.addObject().put("value", value).put("type", type);
        }
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /**
     * What a client asks a user to be, read from a body with {@linkplain ScimPatch#normalized
     * lower-case keys}. Null for role, user type, permission profile and active means "keep".
     */
    record State(String email, boolean otherEmails, String familyName, String givenName, String title, String externalId,
                 String department, String employeeNumber, UUID managerId, String phone, String mobile, String fax,
                 Boolean active, Role role, UserType userType, UUID permissionProfileId, String locale) {

        static State of(JsonNode body) {
            if (!(body instanceof ObjectNode)) {
                throw ScimProblems.invalidSyntax("A User is a JSON object.");
            }
            String userName = string(body, "username");
            String email = userName;
            boolean otherEmails = false;
            JsonNode emails = body.get("emails");
            if (emails != null && !emails.isNull()) {
                if (!emails.isArray()) {
                    throw ScimProblems.invalidValue("emails is a list.");
                }
                for (JsonNode e : emails) {
                    String value = string(e, "value");
                    if (value == null) {
                        continue;
                    }
                    if (email == null) {
                        email = value;
                    } else if (!email.strip().equalsIgnoreCase(value.strip())) {
                        otherEmails = true;
                    }
                }
            }
            JsonNode name = body.get("name");
            String phone = null;
            String mobile = null;
            String fax = null;
            JsonNode phones = body.get("phonenumbers");
            if (phones != null && !phones.isNull()) {
                if (!phones.isArray()) {
                    throw ScimProblems.invalidValue("phoneNumbers is a list.");
                }
                for (JsonNode p : phones) {
                    String type = string(p, "type");
                    String value = string(p, "value");
                    switch (type == null ? "work" : type.toLowerCase(Locale.ROOT)) {
                        case "mobile" -> mobile = value;
                        case "fax" -> fax = value;
                        case "work", "other", "home", "main" -> phone = phone == null ? value : phone;
                        default -> throw ScimProblems.invalidValue("phoneNumbers type '" + type + "' is not one of work, mobile, fax.");
                    }
                }
            }
            JsonNode enterprise = body.get(ENTERPRISE);
            JsonNode kaigi = body.get(KAIGI);
            String language = string(body, "preferredlanguage");
            if (language == null) {
                language = string(body, "locale");
            }
            return new State(email, otherEmails, string(name, "familyname"), string(name, "givenname"), string(body, "title"),
                    string(body, "externalid"), string(enterprise, "department"), string(enterprise, "employeenumber"),
                    manager(enterprise), phone, mobile, fax, bool(body, "active"),
                    enumValue(Role.class, string(kaigi, "role"), "role"),
                    enumValue(UserType.class, string(kaigi, "usertype"), "userType"),
                    uuid(string(kaigi, "permissionprofileid")),
                    language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "ja");
        }

        private static String string(JsonNode node, String key) {
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                throw ScimProblems.invalidValue("'" + key + "' takes a single value.");
            }
            String text = v.asText();
            return text.isBlank() ? null : text;
        }

        /**
         * The enterprise extension's manager: {@code {"value": "<user id>"}}, or the bare id as Entra ID
         * sends it in a PATCH ({@code "value": "<user id>"}). Whether it names a user of the
         * organization is checked when it is stored.
         */
        private static UUID manager(JsonNode enterprise) {
            JsonNode manager = enterprise == null ? null : enterprise.get("manager");
            if (manager == null || manager.isNull()) {
                return null;
            }
            String id;
            if (manager.isObject()) {
                id = string(manager, "value");
            } else if (manager.isTextual()) {
                id = manager.asText().isBlank() ? null : manager.asText();
            } else {
                throw ScimProblems.invalidValue("manager is {\"value\": \"<the manager's id>\"}.");
            }
            if (id == null) {
                return null;
            }
            try {
                return UUID.fromString(id.strip());
            } catch (IllegalArgumentException e) {
                throw ScimProblems.invalidValue("manager.value is not the id of a user.");
            }
        }

        /** Entra ID sends booleans as strings ("False"). */
        private static Boolean bool(JsonNode node, String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                return Boolean.valueOf(v.asText().toLowerCase(Locale.ROOT));
            }
            throw ScimProblems.invalidValue("'" + key + "' is true or false.");
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String attribute) {
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ScimProblems.invalidValue("'" + attribute + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
            }
        }

        private static UUID uuid(String value) {
            if (value == null) {
                return null;
            }
            try {
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                throw ScimProblems.invalidValue("permissionProfileId is not an id.");
            }
        }
    }
}
