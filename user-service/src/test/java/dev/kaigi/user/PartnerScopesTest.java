package dev.kaigi.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partner clients on the REST API (README "For partners"): users:write administers users as an OWNER
 * would, with no person named as having acted, and never grants or takes the owners' power.
 */
@QuarkusTest
class PartnerScopesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RequestSpecification partner(UserFixtures.Org org, String... scopes) {
        return given().auth().oauth2(TestTokens.partner(org.id(), scopes)).contentType(ContentType.JSON);
    }

    private static String newUser(UserFixtures.Org org, String email, String role) {
        return """
                {"email":"%s","lastName":"Sato","firstName":"Hana","role":"%s","userType":"REGULAR","permissionProfileId":"%s"}
                """.formatted(email, role, org.standardProfile());
    }

    private static String profile(String role) {
        return "{\"lastName\":\"Sato\",\"firstName\":\"Hana\",\"role\":\"" + role + "\"}";
    }

    @Test
    @DisplayName("INV-01 by a partner: users:write invites a user; user-invited and the audit log name no person as the inviter, "
            + "and users:read reads the user back")
    void partnerInvitesAUser() {
        UserFixtures.Org org = newOrganization();
        String email = "p" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            String id = partner(org, "users:write").body(newUser(org, email, "MANAGER")).post("/api/v1/users")
                    .then().statusCode(201).body("status", equalTo("INVITED")).body("role", equalTo("MANAGER"))
                    .extract().path("id");
            ReceivedEvent invited = events.await(EventTypes.USER_INVITED, id, WAIT);
            assertEquals(email, invited.data().get("email").asText());
            JsonNode invitedBy = invited.data().get("invitedByUserId");
            assertTrue(invitedBy == null || invitedBy.isNull(), "no person invited: " + invited.data());
            assertEquals(org.id().toString(), invited.header("ce_orgid"));

            partner(org, "users:read").get("/api/v1/users/" + id).then().statusCode(200).body("email", equalTo(email));
            org.asSuperAdmin().queryParam("targetUserId", id).get("/api/v1/audit-events").then().statusCode(200)
                    .body("items[0].action", equalTo("USER_ADDED")).body("items[0].actorUserId", nullValue());

            // INV-03: the partner may re-invite; the new mail names no inviter either
            partner(org, "users:write").post("/api/v1/users/" + id + "/invitation/resend").then().statusCode(204);
            assertEquals(2, events.awaitCount(e -> EventTypes.USER_INVITED.name().equals(e.type()) && e.key().equals(id), 2, WAIT).size());
        }
    }

    @Test
    @DisplayName("ORG-02: a partner never grants the owners' power: no new OWNER, no MEMBER raised to OWNER, no OWNER demoted; "
            + "nothing changes and the refusal names the role field")
    void partnerCannotGrantOrTakeOwner() {
        UserFixtures.Org org = newOrganization();
        String email = "o" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
        partner(org, "users:write").body(newUser(org, email, "OWNER")).post("/api/v1/users").then().statusCode(403)
                .body("errors[0].field", equalTo("role")).body("errors[0].code", equalTo("owner-role-not-grantable"));
        org.asSuperAdmin().queryParam("q", email).get("/api/v1/users").then().body("totalItems", equalTo(0));

        UUID member = org.addActive("MEMBER", "REGULAR");
        String etag = org.asSuperAdmin().get("/api/v1/users/" + member).header("ETag");
        partner(org, "users:write").header("If-Match", etag).body(profile("OWNER")).put("/api/v1/users/" + member)
                .then().statusCode(403).body("errors[0].field", equalTo("role"));
        UUID owner = org.addActive("OWNER", "REGULAR");
        String ownerEtag = org.asSuperAdmin().get("/api/v1/users/" + owner).header("ETag");
        partner(org, "users:write").header("If-Match", ownerEtag).body(profile("MEMBER")).put("/api/v1/users/" + owner)
                .then().statusCode(403).body("errors[0].field", equalTo("role"));
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("role", equalTo("MEMBER")).header("ETag", equalTo(etag));
        org.asSuperAdmin().get("/api/v1/users/" + owner).then().body("role", equalTo("OWNER"));

        // other roles are the partner's to set, as an OWNER's would be (USR-02)
        partner(org, "users:write").header("If-Match", etag).body(profile("MANAGER")).put("/api/v1/users/" + member)
                .then().statusCode(200).body("role", equalTo("MANAGER"));
    }

    @Test
    @DisplayName("ORG-03, LIF-02, ORG-04: what needs a person stays theirs — a partner holding every scope cannot take the super-admin flag, "
            + "delete or remove a user, nor deactivate the super admin")
    void superAdminDecisionsStayWithPeople() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        partner(org, "users:read", "users:write", "schedules:read", "bookings:write", "scim").body("{\"userId\":\"" + member + "\"}").post("/api/v1/organization/super-admin/transfer").then().statusCode(403);
        partner(org, "users:write", "scim").delete("/api/v1/users/" + member).then().statusCode(403);
        partner(org, "users:write", "scim").post("/api/v1/users/" + member + "/remove").then().statusCode(403);
        partner(org, "users:write").post("/api/v1/users/" + org.superAdmin() + "/deactivate").then().statusCode(409)
                .body("code", equalTo("super-admin-transfer-required"));
        partner(org, "users:write").get("/api/v1/users/me").then().statusCode(403);
        org.asSuperAdmin().get("/api/v1/organization").then().body("superAdminUserId", equalTo(org.superAdmin().toString()));
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("LIF-01 by a partner: users:write deactivates and activates; users:read alone changes nothing")
    void partnerDeactivatesAndActivates() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        partner(org, "users:read").post("/api/v1/users/" + member + "/deactivate").then().statusCode(403);
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            partner(org, "users:write").post("/api/v1/users/" + member + "/deactivate").then().statusCode(200)
                    .body("status", equalTo("DEACTIVATED"));
            ReceivedEvent deactivated = events.await(EventTypes.USER_DEACTIVATED, member.toString(), WAIT);
            assertEquals("ADMIN", deactivated.data().get("reason").asText());
            JsonNode by = deactivated.data().get("byUserId");
            assertTrue(by == null || by.isNull(), "no person deactivated: " + deactivated.data());
        }
        partner(org, "users:write").post("/api/v1/users/" + member + "/activate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        org.asSuperAdmin().queryParam("targetUserId", member.toString()).get("/api/v1/audit-events").then()
                .body("items.action", hasItem("USER_DEACTIVATED")).body("items.action", hasItem("USER_ACTIVATED"));
    }

    @Test
    @DisplayName("ORG-01: a partner's tenant is its token's: another organization's users and teams answer 404; "
            + "a client of an organization nobody signed up is refused")
    void anotherOrganizationIsNotFound() {
        UserFixtures.Org org = newOrganization();
        UserFixtures.Org other = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        String team = org.asSuperAdmin().body("{\"name\":\"Ours\"}").post("/api/v1/teams").then().statusCode(201).extract().path("id");

        partner(other, "users:read").get("/api/v1/users/" + member).then().statusCode(404);
        partner(other, "users:read").get("/api/v1/teams/" + team).then().statusCode(404);
        partner(other, "users:write").post("/api/v1/users/" + member + "/deactivate").then().statusCode(404);
        partner(other, "users:read").get("/api/v1/organization").then().statusCode(200).body("id", equalTo(other.id().toString()));
        given().auth().oauth2(TestTokens.partner(UUID.randomUUID(), "users:read")).get("/api/v1/users").then().statusCode(403);
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("status", equalTo("ACTIVE"));
    }
}
