package dev.kaigi.user;

import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The OWNER role through SCIM (README "For partners"): a partner client holding the {@code scim}
 * scope may not make anyone an OWNER nor change an OWNER's role unless an OWNER of the organization
 * allowed it ({@code PUT /api/v1/organization/scim-settings}); the REST API never lets a partner do it.
 */
@QuarkusTest
class ScimOwnerRoleGrantTest {

    private static final String SCIM = "application/scim+json";
    private static final String KAIGI = "urn:kaigi:params:scim:schemas:extension:kaigi:2.0:User";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static RequestSpecification scim(UserFixtures.Org org) {
        return given().auth().oauth2(TestTokens.partner(org.id(), "scim")).contentType(SCIM).accept(SCIM);
    }

    private static String user(String email, String role) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s",
                 "name":{"familyName":"Sato"},"%s":{"role":"%s"}}""".formatted(KAIGI, email, KAIGI, role);
    }

    private static String patchRole(String role) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"%s:role","value":"%s"}]}""".formatted(KAIGI, role);
    }

    private static String email(UserFixtures.Org org) {
        return "o" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
    }

    private static void allow(UserFixtures.Org org, boolean grantable) {
        org.asSuperAdmin().body("{\"ownerRoleGrantable\":" + grantable + "}").put("/api/v1/organization/scim-settings")
                .then().statusCode(200).body("scimOwnerRoleGrantable", equalTo(grantable));
    }

    @Test
    @DisplayName("SCIM OWNER grant, off by default: creating an OWNER, raising a user to OWNER and lowering an OWNER through SCIM → "
            + "403 SCIM error naming the setting; nothing changes")
    void offByDefault() {
        var org = newOrganization();
        org.asSuperAdmin().get("/api/v1/organization").then().statusCode(200).body("scimOwnerRoleGrantable", equalTo(false));
        String email = email(org);
        scim(org).body(user(email, "OWNER")).post("/scim/v2/Users").then().statusCode(403).contentType(SCIM)
                .body("schemas[0]", equalTo(ERROR)).body("status", equalTo("403"))
                .body("detail", containsString("/api/v1/organization/scim-settings"));
        scim(org).queryParam("filter", "userName eq \"" + email + "\"").get("/scim/v2/Users").then().body("totalResults", equalTo(0));

        String member = scim(org).body(user(email(org), "MEMBER")).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        scim(org).body(patchRole("OWNER")).patch("/scim/v2/Users/" + member).then().statusCode(403).body("status", equalTo("403"));
        UUID owner = org.addActive("OWNER", "REGULAR");
        scim(org).body(patchRole("MEMBER")).patch("/scim/v2/Users/" + owner).then().statusCode(403);
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("role", equalTo("MEMBER"));
        org.asSuperAdmin().get("/api/v1/users/" + owner).then().body("role", equalTo("OWNER"));
    }

    @Test
    @DisplayName("SCIM OWNER grant, SEC-02: only an OWNER switches it (a MANAGER, a partner with users:write are refused), audited with "
            + "before and after; while on, SCIM creates and changes OWNERs; off again, it cannot; another organization keeps its own")
    void anOwnerDecides() {
        var org = newOrganization();
        var other = newOrganization();
        UUID manager = org.addActive("MANAGER", "REGULAR");
        org.as(manager, "manager").body("{\"ownerRoleGrantable\":true}").put("/api/v1/organization/scim-settings").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(org.id(), "users:write")).contentType("application/json")
                .body("{\"ownerRoleGrantable\":true}").put("/api/v1/organization/scim-settings").then().statusCode(403);
        org.asSuperAdmin().get("/api/v1/organization").then().body("scimOwnerRoleGrantable", equalTo(false));

        UUID owner = org.addActive("OWNER", "REGULAR");
        org.as(owner, "owner").body("{\"ownerRoleGrantable\":true}").put("/api/v1/organization/scim-settings")
                .then().statusCode(200).body("scimOwnerRoleGrantable", equalTo(true));
        org.asSuperAdmin().queryParam("action", "ORGANIZATION_SETTINGS_CHANGED").get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].actorUserId", equalTo(owner.toString()))
                .body("items[0].targetUserId", nullValue())
                .body("items[0].before.scimOwnerRoleGrantable", equalTo(false))
                .body("items[0].after.scimOwnerRoleGrantable", equalTo(true));

        String created = scim(org).body(user(email(org), "OWNER")).post("/scim/v2/Users").then().statusCode(201)
                .body("'" + KAIGI + "'.role", equalTo("OWNER")).extract().path("id");
        scim(org).body(patchRole("MEMBER")).patch("/scim/v2/Users/" + created).then().statusCode(200)
                .body("'" + KAIGI + "'.role", equalTo("MEMBER"));
        scim(other).body(user(email(other), "OWNER")).post("/scim/v2/Users").then().statusCode(403);

        allow(org, false);
        scim(org).body(patchRole("OWNER")).patch("/scim/v2/Users/" + created).then().statusCode(403);
        org.asSuperAdmin().get("/api/v1/users/" + created).then().body("role", equalTo("MEMBER"));
        org.asSuperAdmin().queryParam("action", "ORGANIZATION_SETTINGS_CHANGED").get("/api/v1/audit-events").then()
                .body("totalItems", equalTo(2));
        allow(org, false); // unchanged: nothing more to record
        org.asSuperAdmin().queryParam("action", "ORGANIZATION_SETTINGS_CHANGED").get("/api/v1/audit-events").then()
                .body("totalItems", equalTo(2));
    }
}
