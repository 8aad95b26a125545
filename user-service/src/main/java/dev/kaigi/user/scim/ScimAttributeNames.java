package dev.kaigi.user.scim;

import java.util.Map;

/** The SCIM attribute a REST request field came from, so errors name what the client sent. */
final class ScimAttributeNames {

    private static final Map<String, String> BY_FIELD = Map.of(
            "email", "userName", "lastName", "name.familyName", "firstName", "name.givenName",
            "phone", "phoneNumbers[type eq \"work\"]", "mobile", "phoneNumbers[type eq \"mobile\"]",
            "fax", "phoneNumbers[type eq \"fax\"]", "role", ScimSchemas.KAIGI_USER + ":role",
            "userType", ScimSchemas.KAIGI_USER + ":userType", "permissionProfileId", ScimSchemas.KAIGI_USER + ":permissionProfileId");

    private ScimAttributeNames() {
    }

    static String of(String field) {
        return BY_FIELD.getOrDefault(field, field);
    }
}
