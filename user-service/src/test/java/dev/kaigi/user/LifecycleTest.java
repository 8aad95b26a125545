package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Super admin transfer and a user's life after joining (ORG-03, ORG-04, LIF-01…LIF-04). */
@QuarkusTest
class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @Test
    @DisplayName("ORG-03: the super admin hands the flag to an active regular user, who becomes OWNER; the old one stays OWNER")
    void superAdminTransfer() {
        UserFixtures.Org org = newOrganization();
        UUID manager = org.addActive("MANAGER", "REGULAR");
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().body("{\"userId\":\"" + manager + "\"}").post("/api/v1/organization/super-admin/transfer").then()
                    .statusCode(200).body("superAdminUserId", equalTo(manager.toString()));
            ReceivedEvent moved = events.await(EventTypes.SUPER_ADMIN_TRANSFERRED, org.id().toString(), WAIT);
            assertEquals(org.superAdmin().toString(), moved.data().get("fromUserId").asText());
            assertEquals(manager.toString(), moved.data().get("toUserId").asText());
        }
        org.asSuperAdmin().get("/api/v1/users/" + manager).then().body("role", equalTo("OWNER")).body("superAdmin", equalTo(true));
        org.asSuperAdmin().get("/api/v1/users/me").then().body("role", equalTo("OWNER")).body("superAdmin", equalTo(false));
        // the former super admin may no longer transfer
        org.asSuperAdmin().body("{\"userId\":\"" + org.superAdmin() + "\"}").post("/api/v1/organization/super-admin/transfer")
                .then().statusCode(403);
    }

    @Test
    @DisplayName("ORG-03: only the super admin transfers, and only to another active regular user")
    void superAdminTransferRefusals() {
        UserFixtures.Org org = newOrganization();
        UUID owner = org.addActive("OWNER", "REGULAR");
        UUID invited = org.addInvited("MEMBER");
        org.as(owner, "owner").body("{\"userId\":\"" + owner + "\"}").post("/api/v1/organization/super-admin/transfer")
                .then().statusCode(403).contentType(PROBLEM);
        org.asSuperAdmin().body("{\"userId\":\"" + invited + "\"}").post("/api/v1/organization/super-admin/transfer")
                .then().statusCode(409).body("code", equalTo("transfer-target-invalid"));
        org.asSuperAdmin().body("{\"userId\":\"" + org.superAdmin() + "\"}").post("/api/v1/organization/super-admin/transfer")
                .then().statusCode(409).body("code", equalTo("transfer-target-invalid"));
        org.asSuperAdmin().body("{\"userId\":\"" + UUID.randomUUID() + "\"}").post("/api/v1/organization/super-admin/transfer")
                .then().statusCode(404);
    }

    @Test
    @DisplayName("ORG-04: the super admin cannot be deactivated, deleted or removed")
    void superAdminIsProtected() {
        UserFixtures.Org org = newOrganization();
        UUID owner = org.addActive("OWNER", "REGULAR");
        org.as(owner, "owner").post("/api/v1/users/" + org.superAdmin() + "/deactivate").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("super-admin-transfer-required"));
        org.as(owner, "owner").post("/api/v1/users/" + org.superAdmin() + "/remove").then()
                .statusCode(409).body("code", equalTo("super-admin-transfer-required"));
        org.asSuperAdmin().delete("/api/v1/users/" + org.superAdmin()).then()
                .statusCode(409).body("code", equalTo("super-admin-transfer-required"));
        org.asSuperAdmin().get("/api/v1/users/me").then().body("status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("LIF-01: a deactivated user's token is refused at once, the seat is released; activation takes one again")
    void deactivateAndActivate() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        org.as(member, "member").get("/api/v1/users/me").then().statusCode(200);
        assertEquals(2, org.assignedSeats("REGULAR"));
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(200)
                    .body("status", equalTo("DEACTIVATED"));
            ReceivedEvent deactivated = events.await(EventTypes.USER_DEACTIVATED, member.toString(), WAIT);
            assertEquals("ADMIN", deactivated.data().get("reason").asText());
        }
        org.as(member, "member").get("/api/v1/users/me").then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("token-revoked"));
        Await.until("licensing to release the seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
        org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(409).body("code", equalTo("invalid-status"));

        org.asSuperAdmin().post("/api/v1/users/" + member + "/activate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertEquals(2, org.assignedSeats("REGULAR"));
        org.as(member, "member").get("/api/v1/users/me").then().statusCode(200);
    }

    @Test
    @DisplayName("LIF-01/LIC-04: activation needs a free seat; without one nothing changes")
    void activationNeedsASeat() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(200);
        Await.until("licensing to release the seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
        org.regularSeats(2);
        org.addActive("MEMBER", "REGULAR");
        org.asSuperAdmin().post("/api/v1/users/" + member + "/activate").then()
                .statusCode(409).body("code", equalTo("seat-unavailable"));
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("status", equalTo("DEACTIVATED"));
    }

    @Test
    @DisplayName("LIF-02: the super admin deletes with transfer; the event names the heir; the address can be added again as a new user")
    void deleteWithTransfer() {
        UserFixtures.Org org = newOrganization();
        String email = "leaver@" + org.domain();
        UUID leaver = org.add(email, "MEMBER", "REGULAR");
        UUID heir = org.addActive("MEMBER", "REGULAR");
        UUID owner = org.addActive("OWNER", "REGULAR");
        org.as(owner, "owner").delete("/api/v1/users/" + leaver + "?transferTo=" + heir).then().statusCode(403);
        org.asSuperAdmin().delete("/api/v1/users/" + leaver + "?transferTo=" + leaver).then()
                .statusCode(409).body("code", equalTo("transfer-target-invalid"));
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().delete("/api/v1/users/" + leaver + "?transferTo=" + heir).then().statusCode(204);
            ReceivedEvent deleted = events.await(EventTypes.USER_DELETED, leaver.toString(), WAIT);
            assertEquals(heir.toString(), deleted.data().get("transferToUserId").asText());
            assertEquals(org.superAdmin().toString(), deleted.data().get("byUserId").asText());
        }
        org.asSuperAdmin().get("/api/v1/users/" + leaver).then().statusCode(404);
        org.asSuperAdmin().queryParam("status", "DELETED").get("/api/v1/users").then().body("totalItems", equalTo(1));
        UUID again = org.add(email, "MEMBER", "REGULAR");
        assertNotEquals(leaver, again);
    }

    @Test
    @DisplayName("LIF-04: a team user becomes regular with a regular seat and profile; a regular user cannot be converted")
    void teamUserConversion() {
        UserFixtures.Org org = newOrganization();
        UserFixtures.licensing().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner")).contentType("application/json")
                .body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        UserFixtures.licensing().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner")).contentType("application/json")
                .body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then().statusCode(200);
        UserFixtures.licensing().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner")).contentType("application/json")
                .body("{\"pool\":\"TEAM\",\"quantity\":2}").post("/api/v1/subscription/seats").then().statusCode(200);
        UUID teamUser = org.addActive("MEMBER", "TEAM");
        UUID regular = org.addActive("MEMBER", "REGULAR");
        assertEquals(1, org.assignedSeats("TEAM"));

        org.asSuperAdmin().body("{\"permissionProfileId\":\"" + org.teamProfile() + "\"}")
                .post("/api/v1/users/" + teamUser + "/convert-to-regular").then()
                .statusCode(409).body("code", equalTo("permission-profile-mismatch"));
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().body("{\"permissionProfileId\":\"" + org.standardProfile() + "\"}")
                    .post("/api/v1/users/" + teamUser + "/convert-to-regular").then()
                    .statusCode(200).body("userType", equalTo("REGULAR")).body("permissionProfileId", equalTo(org.standardProfile().toString()));
            ReceivedEvent converted = events.await(EventTypes.USER_CONVERTED, teamUser.toString(), WAIT);
            assertEquals("TEAM", converted.data().get("fromType").asText());
        }
        assertEquals(0, org.assignedSeats("TEAM"));
        assertEquals(3, org.assignedSeats("REGULAR"));
        org.asSuperAdmin().body("{\"permissionProfileId\":\"" + org.standardProfile() + "\"}")
                .post("/api/v1/users/" + regular + "/convert-to-regular").then()
                .statusCode(409).body("code", equalTo("not-a-team-user"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "member", "restricted"})
    @DisplayName("LIF-01…03: only OWNERs run lifecycle operations; only the super admin deletes")
    void lifecycleNeedsOwner(String role) {
        UserFixtures.Org org = newOrganization();
        UUID actor = org.addActive(role.toUpperCase(), "REGULAR");
        UUID target = org.addActive("MEMBER", "REGULAR");
        org.as(actor, role).post("/api/v1/users/" + target + "/deactivate").then().statusCode(403).body("code", equalTo("forbidden"));
        org.as(actor, role).post("/api/v1/users/" + target + "/remove").then().statusCode(403);
        org.as(actor, role).delete("/api/v1/users/" + target).then().statusCode(403);
        org.as(actor, role).body("{\"email\":\"x@" + org.domain() + "\",\"lastName\":\"X\",\"role\":\"MEMBER\",\"permissionProfileId\":\""
                + org.standardProfile() + "\"}").post("/api/v1/users").then().statusCode(403);
        org.asSuperAdmin().get("/api/v1/users/" + target).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("roles come from user-service's data: a token claiming owner does not make a member one")
    void tokenRolesDoNotOverrideTheRecordedRole() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        UUID target = org.addActive("MEMBER", "REGULAR");
        org.as(member, "owner").post("/api/v1/users/" + target + "/deactivate").then().statusCode(403);
        given().auth().oauth2(TestTokens.user(org.id(), UUID.randomUUID(), "owner")).get("/api/v1/users").then()
                .statusCode(401).body("code", equalTo("token-revoked"));
    }
}
