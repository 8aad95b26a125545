package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Organizations, the super admin, adding users and invitations (ORG-01…05, INV-01…05, LIC-04). */
@QuarkusTest
class OrganizationAndInvitationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    @Test
    @DisplayName("ORG-02: the person who signs up is the super admin and an OWNER, holds a seat, and it is announced")
    void signUpCreatesOrganizationWithSuperAdmin() {
        String email = "founder@" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            var created = given().auth().oauth2(TestTokens.signUp(email)).contentType(ContentType.JSON)
                    .body("{\"name\":\"Kaigi Trading\",\"lastName\":\"Yamada\"}").post("/api/v1/organizations").then()
                    .statusCode(201).body("name", equalTo("Kaigi Trading")).body("timeZone", equalTo("Asia/Tokyo")).extract();
            UUID org = UUID.fromString(created.path("id"));
            UUID admin = UUID.fromString(created.path("superAdminUserId"));
            given().auth().oauth2(TestTokens.user(org, admin, "owner")).get("/api/v1/users/me").then()
                    .statusCode(200).body("email", equalTo(email)).body("role", equalTo("OWNER"))
                    .body("superAdmin", equalTo(true)).body("status", equalTo("ACTIVE"));
            ReceivedEvent orgCreated = events.await(EventTypes.ORGANIZATION_CREATED, org.toString(), WAIT);
            assertEquals(admin.toString(), orgCreated.data().get("superAdminUserId").asText());
            ReceivedEvent joined = events.await(EventTypes.USER_JOINED, admin.toString(), WAIT);
            assertEquals("ORGANIZATION_CREATED", joined.data().get("joinedVia").asText());
            UserFixtures.Org o = new UserFixtures.Org(org, admin, null, null, null);
            assertEquals(1, o.assignedSeats("REGULAR"));
        }
    }

    @Test
    @DisplayName("ORG-05: an address in one organization cannot sign up or be added in another")
    void emailBelongsToOneOrganization() {
        UserFixtures.Org first = newOrganization();
        UserFixtures.Org second = newOrganization();
        String taken = "ceo@" + first.domain();
        given().auth().oauth2(TestTokens.signUp(taken)).contentType(ContentType.JSON)
                .body("{\"name\":\"Copy\",\"lastName\":\"X\"}").post("/api/v1/organizations").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("email-taken"));
        second.asSuperAdmin().body("""
                {"email":"%s","lastName":"X","role":"MEMBER","permissionProfileId":"%s"}""".formatted(taken.toUpperCase(), second.standardProfile()))
                .post("/api/v1/users").then().statusCode(409).body("code", equalTo("email-taken"));
        first.asSuperAdmin().body("{\"name\":\"Again\",\"lastName\":\"X\"}").post("/api/v1/organizations").then()
                .statusCode(409).body("code", equalTo("already-in-organization"));
    }

    @Test
    @DisplayName("INV-04: an address with the super admin's domain joins ACTIVE at once, without invitation")
    void sameDomainJoinsAtOnce() {
        UserFixtures.Org org = newOrganization();
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            UUID user = org.add("Colleague@" + org.domain().toUpperCase(), "MEMBER", "REGULAR");
            org.asSuperAdmin().get("/api/v1/users/" + user).then().statusCode(200).body("status", equalTo("ACTIVE"));
            ReceivedEvent joined = events.await(EventTypes.USER_JOINED, user.toString(), WAIT);
            assertEquals("SAME_DOMAIN", joined.data().get("joinedVia").asText());
            assertEquals(0, events.drain(Duration.ofMillis(300)).stream()
                    .filter(e -> EventTypes.USER_INVITED.name().equals(e.type()) && e.key().equals(user.toString())).count());
        }
        assertEquals(2, org.assignedSeats("REGULAR"));
    }

    @Test
    @DisplayName("INV-01/INV-02: an invited user gets a one-time link; accepting makes them ACTIVE; the link works once")
    void invitationAccepted() {
        UserFixtures.Org org = newOrganization();
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            UUID user = org.addInvited("MANAGER");
            org.asSuperAdmin().get("/api/v1/users/" + user).then().body("status", equalTo("INVITED"));
            ReceivedEvent invited = events.await(EventTypes.USER_INVITED, user.toString(), WAIT);
            String token = invited.data().get("invitationToken").asText();
            assertEquals("Acme", invited.data().get("organizationName").asText());
            given().post("/api/v1/invitations/" + token + "/accept").then().statusCode(200)
                    .body("userId", equalTo(user.toString()));
            org.asSuperAdmin().get("/api/v1/users/" + user).then().body("status", equalTo("ACTIVE"));
            events.await(EventTypes.USER_JOINED, user.toString(), WAIT);
            given().post("/api/v1/invitations/" + token + "/accept").then().statusCode(404).contentType(PROBLEM)
                    .body("code", equalTo("invitation-invalid"));
        }
    }

    @Test
    @DisplayName("INV-02: declining removes the user from the list and frees the seat")
    void invitationDeclined() {
        UserFixtures.Org org = newOrganization();
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            UUID user = org.addInvited("MEMBER");
            assertEquals(2, org.assignedSeats("REGULAR"));
            String token = events.await(EventTypes.USER_INVITED, user.toString(), WAIT).data().get("invitationToken").asText();
            given().post("/api/v1/invitations/" + token + "/decline").then().statusCode(204);
            events.await(EventTypes.USER_DECLINED, user.toString(), WAIT);
            org.asSuperAdmin().get("/api/v1/users/" + user).then().statusCode(404);
        }
        org.asSuperAdmin().get("/api/v1/users").then().statusCode(200).body("totalItems", equalTo(1));
        Await.until("licensing to free the declined user's seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
    }

    @Test
    @DisplayName("INV-06: a signed-in person sees their pending invitation and accepts it in the product; nobody else can; "
            + "the mail's link is spent after")
    void myInvitationAccepted() {
        UserFixtures.Org org = newOrganization();
        String email = "Invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            UUID user = org.add(email, "MANAGER", "REGULAR");
            String token = events.await(EventTypes.USER_INVITED, user.toString(), WAIT).data().get("invitationToken").asText();
            String me = TestTokens.signUp(email.toLowerCase());
            String id = given().auth().oauth2(me).get("/api/v1/me/invitations").then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].organizationId", equalTo(org.id().toString()))
                    .body("[0].organizationName", equalTo("Acme")).body("[0].role", equalTo("MANAGER"))
                    .body("[0].userType", equalTo("REGULAR")).extract().path("[0].id");
            String stranger = TestTokens.signUp("stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example");
            given().auth().oauth2(stranger).get("/api/v1/me/invitations").then().statusCode(200).body("size()", equalTo(0));
            given().auth().oauth2(stranger).post("/api/v1/me/invitations/" + id + "/accept").then().statusCode(404)
                    .contentType(PROBLEM).body("code", equalTo("invitation-invalid"));
            org.asSuperAdmin().post("/api/v1/me/invitations/" + id + "/decline").then().statusCode(404);

            given().auth().oauth2(me).post("/api/v1/me/invitations/" + id + "/accept").then().statusCode(200)
                    .body("userId", equalTo(user.toString())).body("orgId", equalTo(org.id().toString()));
            events.await(EventTypes.USER_JOINED, user.toString(), WAIT);
            org.asSuperAdmin().get("/api/v1/users/" + user).then().body("status", equalTo("ACTIVE"));
            given().auth().oauth2(me).get("/api/v1/me/invitations").then().statusCode(200).body("size()", equalTo(0));
            given().post("/api/v1/invitations/" + token + "/accept").then().statusCode(404);
            given().auth().oauth2(me).post("/api/v1/me/invitations/" + id + "/accept").then().statusCode(404);
        }
    }

    @Test
    @DisplayName("INV-06: declining in the product removes the invited user and frees the seat; an expired one is not listed "
            + "and answers 410")
    void myInvitationDeclinedOrExpired() throws Exception {
        UserFixtures.Org org = newOrganization();
        String email = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
        UUID user = org.add(email, "MEMBER", "REGULAR");
        String me = TestTokens.signUp(email);
        String id = given().auth().oauth2(me).get("/api/v1/me/invitations").then().statusCode(200).extract().path("[0].id");
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update invitation set expires_at = now() - interval '1 minute' where user_id = '" + user + "'");
        }
        given().auth().oauth2(me).get("/api/v1/me/invitations").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(me).post("/api/v1/me/invitations/" + id + "/decline").then().statusCode(410)
                .body("code", equalTo("invitation-expired"));
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("update invitation set expires_at = now() + interval '1 day' where user_id = '" + user + "'");
        }
        given().auth().oauth2(me).post("/api/v1/me/invitations/" + id + "/decline").then().statusCode(204);
        org.asSuperAdmin().get("/api/v1/users/" + user).then().statusCode(404);
        Await.until("licensing to free the declined user's seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
    }

    @Test
    @DisplayName("INV-03: invitations expire after 7 days; a resend voids the old link and issues a new one")
    void invitationExpiresAndResendVoidsOldLink() throws Exception {
        UserFixtures.Org org = newOrganization();
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            UUID user = org.addInvited("MEMBER");
            String first = events.await(EventTypes.USER_INVITED, user.toString(), WAIT).data().get("invitationToken").asText();
            try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                s.executeUpdate("update invitation set expires_at = now() - interval '1 minute' where user_id = '" + user + "'");
            }
            given().post("/api/v1/invitations/" + first + "/accept").then().statusCode(410).body("code", equalTo("invitation-expired"));
            org.asSuperAdmin().post("/api/v1/users/" + user + "/invitation/resend").then().statusCode(204);
            String second = events.awaitCount(e -> EventTypes.USER_INVITED.name().equals(e.type()) && e.key().equals(user.toString()),
                    2, WAIT).get(1).data().get("invitationToken").asText();
            given().post("/api/v1/invitations/" + first + "/accept").then().statusCode(404);
            given().post("/api/v1/invitations/" + second + "/accept").then().statusCode(200);
            org.asSuperAdmin().post("/api/v1/users/" + user + "/invitation/resend").then()
                    .statusCode(409).body("code", equalTo("user-not-invited"));
        }
    }

    @Test
    @DisplayName("INV-05: email, last name, role and permission profile are required; bad values are named")
    void addNeedsRequiredFields() {
        UserFixtures.Org org = newOrganization();
        org.asSuperAdmin().body("{\"firstName\":\"A\"}").post("/api/v1/users").then()
                .statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("lastName"))
                .body("errors.field", hasItem("role")).body("errors.field", hasItem("permissionProfileId"));
        org.asSuperAdmin().body("""
                {"email":"not-an-email","lastName":"X","role":"CEO","permissionProfileId":"%s"}""".formatted(org.standardProfile()))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("role"));
        org.asSuperAdmin().body("""
                {"email":"not-an-email","lastName":"X","role":"MEMBER","permissionProfileId":"%s"}""".formatted(org.standardProfile()))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("email"));
        UserFixtures.Org other = newOrganization();
        org.asSuperAdmin().body("""
                {"email":"x@outside.example","lastName":"X","role":"MEMBER","permissionProfileId":"%s"}""".formatted(other.standardProfile()))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("permissionProfileId"))
                .body("errors[0].code", equalTo("unknown-reference"));
        org.asSuperAdmin().body("""
                {"email":"x@outside.example","lastName":"X","role":"MEMBER","permissionProfileId":"%s","status":"ACTIVE"}""".formatted(org.standardProfile()))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("status"))
                .body("errors[0].code", equalTo("unknown-property"));
        org.asSuperAdmin().get("/api/v1/users").then().body("totalItems", equalTo(1));
    }

    @Test
    @DisplayName("LIC-04: with no seat left, adding fails with seat-unavailable and saves nothing")
    void noSeatNoUser() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(1);
        org.asSuperAdmin().body("""
                {"email":"late@outside.example","lastName":"X","role":"MEMBER","permissionProfileId":"%s"}""".formatted(org.standardProfile()))
                .post("/api/v1/users").then().statusCode(409).contentType(PROBLEM).body("code", equalTo("seat-unavailable"));
        org.asSuperAdmin().get("/api/v1/users").then().body("totalItems", equalTo(1))
                .body("items.email", not(hasItem("late@outside.example")));
    }

    @Test
    @DisplayName("ORG-01: another organization's user ids answer 404")
    void otherOrganizationsUsersAreInvisible() {
        UserFixtures.Org org = newOrganization();
        UserFixtures.Org intruder = newOrganization();
        UUID user = org.addActive("MEMBER", "REGULAR");
        intruder.asSuperAdmin().get("/api/v1/users/" + user).then().statusCode(404).contentType(PROBLEM);
        intruder.asSuperAdmin().post("/api/v1/users/" + user + "/deactivate").then().statusCode(404);
        intruder.asSuperAdmin().delete("/api/v1/users/" + user).then().statusCode(404);
        intruder.asSuperAdmin().get("/api/v1/users").then().body("items.id", not(hasItem(user.toString())));
        org.asSuperAdmin().get("/api/v1/users/" + user).then().statusCode(200);
    }
}
