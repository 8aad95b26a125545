package dev.kaigi.licensing;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.licensing.LicensingFixtures.as;
import static dev.kaigi.licensing.LicensingFixtures.owner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** /api/v1/seat-assignments: owners give and take back seats of their own organization's users (LIC-03, LIF-03). */
@QuarkusTest
class SeatAssignmentResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    LicensingFixtures fixtures;

    private static String assign(UUID org, UUID user, String pool) {
        return owner(org).body("{\"userId\":\"" + user + "\",\"pool\":\"" + pool + "\"}").post("/api/v1/seat-assignments")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    @DisplayName("LIC-03 with Idempotency-Key: a retried assignment answers the first one and takes one seat")
    void retriedAssignmentTakesOneSeat() {
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        String body = "{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}";
        String key = "assign-" + user;
        var first = owner(org).header("Idempotency-Key", key).body(body).post("/api/v1/seat-assignments").then().statusCode(201).extract();
        var retry = owner(org).header("Idempotency-Key", key).body(body).post("/api/v1/seat-assignments").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertEquals(first.<String>path("id"), retry.<String>path("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        owner(org).get("/api/v1/subscription").then().body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(1));
        UUID other = fixtures.user(org, UserType.REGULAR);
        owner(org).header("Idempotency-Key", key).body("{\"userId\":\"" + other + "\",\"pool\":\"REGULAR\"}")
                .post("/api/v1/seat-assignments").then().statusCode(422).contentType(PROBLEM).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    @DisplayName("LIC-03: an OWNER assigns a seat: 201, Location, counts and a seat-assigned event")
    void ownerAssignsASeat() {
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            var created = owner(org).body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                    .statusCode(201)
                    .body("userId", equalTo(user.toString()))
                    .body("pool", equalTo("REGULAR"))
                    .extract();
            String id = created.path("id");
            assertThat(created.header("Location"), endsWith("/api/v1/seat-assignments/" + id));
            owner(org).get("/api/v1/seat-assignments/" + id).then().statusCode(200).body("userId", equalTo(user.toString()));
            ReceivedEvent event = events.await(EventTypes.SEAT_ASSIGNED, user.toString(), Duration.ofSeconds(20));
            assertEquals("REGULAR", event.data().get("pool").asText());
            assertEquals(org.toString(), event.header("ce_orgid"));
        }
        owner(org).get("/api/v1/subscription").then()
                .body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(1))
                .body("pools.find { it.pool == 'REGULAR' }.available", equalTo(4));
    }

    @Test
    @DisplayName("LIC-03: assigning twice, to a stranger, or the wrong licence type is refused and changes nothing")
    void badAssignmentsAreRefused() {
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        UUID teamUser = fixtures.user(org, UserType.TEAM);
        UUID otherOrgsUser = fixtures.user(UUID.randomUUID(), UserType.REGULAR);
        assign(org, user, "REGULAR");
        owner(org).body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("seat-already-assigned"));
        owner(org).body("{\"userId\":\"" + otherOrgsUser + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(404).contentType(PROBLEM).body("code", equalTo("not-found"));
        owner(org).body("{\"userId\":\"" + UUID.randomUUID() + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(404);
        owner(org).body("{\"userId\":\"" + teamUser + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(409).body("code", equalTo("seat-type-mismatch"));
        owner(org).body("{\"userId\":\"" + teamUser + "\",\"pool\":\"TEAM\"}").post("/api/v1/seat-assignments").then()
                .statusCode(409).body("code", equalTo("team-licences-unavailable-on-plan"));
        owner(org).body("{\"userId\":\"not-a-uuid\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(400).body("errors[0].field", equalTo("userId"));
        owner(org).body("{\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(400).body("errors[0].field", equalTo("userId")).body("errors[0].code", equalTo("required"));
        owner(org).get("/api/v1/subscription").then().body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(1));
    }

    @Test
    @DisplayName("LIC-02/LIC-05: team seats need licences switched on")
    void teamSeatsNeedLicencesOn() {
        UUID org = UUID.randomUUID();
        UUID teamUser = fixtures.user(org, UserType.TEAM);
        LicensingFixtures.plan(org, "STANDARD");
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":2}").post("/api/v1/subscription/seats").then().statusCode(200);
        owner(org).body("{\"userId\":\"" + teamUser + "\",\"pool\":\"TEAM\"}").post("/api/v1/seat-assignments").then()
                .statusCode(409).body("code", equalTo("team-licences-disabled"));
        LicensingFixtures.teamLicences(org, true);
        assign(org, teamUser, "TEAM");
    }

    @Test
    @DisplayName("LIF-03: unassigning frees the seat, announces it, and a second unassign is 404")
    void ownerUnassigns() {
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        String id = assign(org, user, "REGULAR");
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            owner(org).delete("/api/v1/seat-assignments/" + id).then().statusCode(204);
            ReceivedEvent released = events.await(EventTypes.SEAT_RELEASED, user.toString(), Duration.ofSeconds(20));
            assertEquals("UNASSIGNED_BY_OWNER", released.data().get("reason").asText());
        }
        owner(org).delete("/api/v1/seat-assignments/" + id).then().statusCode(404).contentType(PROBLEM);
        owner(org).get("/api/v1/subscription").then().body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(0));
    }

    @Test
    @DisplayName("ORG-01: another organization's owner gets 404 for this organization's assignment ids")
    void otherOrganizationsSeeNothing() {
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        String id = assign(org, user, "REGULAR");
        UUID intruder = UUID.randomUUID();
        owner(intruder).get("/api/v1/seat-assignments/" + id).then().statusCode(404).contentType(PROBLEM);
        owner(intruder).delete("/api/v1/seat-assignments/" + id).then().statusCode(404);
        as(intruder, "owner", "super_admin").get("/api/v1/seat-assignments").then().statusCode(200).body("items", hasSize(0));
        owner(org).get("/api/v1/seat-assignments/" + id).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "member", "restricted"})
    @DisplayName("LIC-03: only an OWNER assigns and unassigns; others read only their own seat")
    void nonOwnersReadOnlyTheirOwn(String role) {
        UUID org = UUID.randomUUID();
        UUID me = fixtures.user(org, UserType.REGULAR);
        UUID colleague = fixtures.user(org, UserType.REGULAR);
        String mine = assign(org, me, "REGULAR");
        String theirs = assign(org, colleague, "REGULAR");
        var asMe = given().auth().oauth2(TestTokens.user(org, me, role)).contentType(ContentType.JSON);
        asMe.body("{\"userId\":\"" + me + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(TestTokens.user(org, me, role)).delete("/api/v1/seat-assignments/" + theirs).then().statusCode(403);
        given().auth().oauth2(TestTokens.user(org, me, role)).get("/api/v1/seat-assignments/" + mine).then().statusCode(200);
        given().auth().oauth2(TestTokens.user(org, me, role)).get("/api/v1/seat-assignments/" + theirs).then().statusCode(404);
        given().auth().oauth2(TestTokens.user(org, me, role)).get("/api/v1/seat-assignments").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(mine)).body("totalItems", equalTo(1));
        given().auth().oauth2(TestTokens.user(org, me, role)).queryParam("userId", colleague).get("/api/v1/seat-assignments").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    @DisplayName("lists page in assignment order with a hard maximum page size")
    void listsPage() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 7);
        for (int i = 0; i < 7; i++) {
            assign(org, fixtures.user(org, UserType.REGULAR), "REGULAR");
        }
        owner(org).queryParam("size", 3).queryParam("page", 2).get("/api/v1/seat-assignments").then()
                .statusCode(200).body("items", hasSize(1)).body("totalItems", equalTo(7)).body("totalPages", equalTo(3));
        owner(org).queryParam("size", 1000).get("/api/v1/seat-assignments").then()
                .statusCode(400).body("errors[0].field", equalTo("size"));
        owner(org).queryParam("pool", "TEAM").get("/api/v1/seat-assignments").then()
                .statusCode(200).body("totalItems", equalTo(0));
    }
}
