package dev.kaigi.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.kaigi.licensing.LicensingFixtures.owner;
import static dev.kaigi.licensing.LicensingFixtures.service;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What licensing-service does with user-service's events and what it announces (LIC-05, LIC-06, LIF-01…03, EVT-02). */
@QuarkusTest
class SeatEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String take(UUID org, UUID user, String pool) {
        return service().body("{\"pool\":\"" + pool + "\"}")
                .put("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then().statusCode(200)
                .extract().path("id");
    }

    private static int assigned(UUID org, String pool) {
        return owner(org).get("/api/v1/subscription").then().extract()
                .path("pools.find { it.pool == '" + pool + "' }.assigned");
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new HashSet<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    @DisplayName("LIC-01: organization-created gives the new organization its FREE subscription")
    void organizationCreatedBootstraps() {
        UUID org = UUID.randomUUID();
        TestEvents.publish(new OrganizationCreated(org, "Acme", UUID.randomUUID(), "ceo@acme.example", "Asia/Tokyo"));
        Await.until("the subscription to exist", () -> countSubscriptions(org) == 1, WAIT);
        owner(org).get("/api/v1/subscription").then().body("plan", equalTo("FREE"));
    }

    @Test
    @DisplayName("EVT-02/LIF-02: a redelivered user-deleted releases the seat once and announces it once")
    void redeliveredUserDeletedReleasesOnce() {
        UUID org = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        take(org, a, "REGULAR");
        take(org, b, "REGULAR");
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            UUID eventId = UUID.randomUUID();
            UserDeleted deleted = new UserDeleted(org, a, null, UUID.randomUUID());
            TestEvents.publish(eventId, deleted);
            TestEvents.publish(eventId, deleted);
            TestEvents.publish(eventId, deleted);
            Await.until("a's seat to be released", () -> assigned(org, "REGULAR") == 1, WAIT);
            ReceivedEvent released = events.await(EventTypes.SEAT_RELEASED, a.toString(), WAIT);
            assertEquals("USER_DELETED", released.data().get("reason").asText());
            // a later event of b proves the copies of a's event were consumed before it
            TestEvents.publish(new UserRemoved(org, b, null));
            events.await(EventTypes.SEAT_RELEASED, b.toString(), WAIT);
            assertEquals(0, assigned(org, "REGULAR"));
            long releasesOfA = events.seen().stream()
                    .filter(e -> e.type().equals(EventTypes.SEAT_RELEASED.name()) && e.key().equals(a.toString())).count();
            assertEquals(1, releasesOfA);
        }
    }

    @Test
    @DisplayName("LIF-01/INV-02: deactivated and declined users give their seats back; the seat can then be reused")
    void deactivationAndDeclineReleaseSeats() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 2);
        UUID deactivated = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        take(org, deactivated, "REGULAR");
        take(org, declined, "REGULAR");
        service().body("{\"pool\":\"REGULAR\"}").put("/api/v1/internal/organizations/" + org + "/users/" + UUID.randomUUID() + "/seat")
                .then().statusCode(409).body("code", equalTo("seat-unavailable"));
        TestEvents.publish(new UserDeactivated(org, deactivated, UserType.REGULAR, null, DeactivationReason.ADMIN));
        TestEvents.publish(new UserDeclined(org, declined, "x@acme.example"));
        Await.until("both seats to be released", () -> assigned(org, "REGULAR") == 0, WAIT);
        take(org, UUID.randomUUID(), "REGULAR");
        // the deactivated user is no longer given a seat by an owner
        owner(org).body("{\"userId\":\"" + deactivated + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments")
                .then().statusCode(409).body("code", equalTo("user-not-active"));
    }

    @Test
    @DisplayName("LIF-01: a deactivated user's token is refused here too, once the event has arrived")
    void deactivatedUsersTokensAreRefused() {
        UUID org = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        take(org, owner, "REGULAR");
        var asOwner = io.restassured.RestAssured.given().auth().oauth2(dev.kaigi.testsupport.TestTokens.user(org, owner, "owner"));
        asOwner.get("/api/v1/subscription").then().statusCode(200);
        TestEvents.publish(new UserDeactivated(org, owner, UserType.REGULAR, null, DeactivationReason.ADMIN));
        Await.until("the deactivated owner's token to be refused", () -> io.restassured.RestAssured.given()
                .auth().oauth2(dev.kaigi.testsupport.TestTokens.user(org, owner, "owner"))
                .get("/api/v1/subscription").statusCode() == 401, WAIT);
        io.restassured.RestAssured.given().auth().oauth2(dev.kaigi.testsupport.TestTokens.user(org, owner, "owner"))
                .get("/api/v1/seat-assignments").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("token-revoked"));
    }

    @Test
    @DisplayName("LIF-01: a deactivation read after the user was activated again does not take the new seat away")
    void staleDeactivationKeepsTheSeat() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        take(org, user, "REGULAR");
        java.time.Instant deactivatedAt = java.time.Instant.now();
        take(org, user, "REGULAR"); // user-service activated the user again before we read the deactivation
        TestEvents.publish(UUID.randomUUID(), deactivatedAt.minusMillis(1),
                new UserDeactivated(org, user, UserType.REGULAR, null, DeactivationReason.ADMIN));
        UUID marker = UUID.randomUUID();
        take(org, marker, "REGULAR");
        TestEvents.publish(new UserRemoved(org, marker, null)); // same topic, later: once it is applied, so was the stale one
        Await.until("the marker's seat to be released", () -> assigned(org, "REGULAR") == 1, WAIT);
        service().get("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then().statusCode(200);
    }

    @Test
    @DisplayName("LIC-05: disabling team licences announces every team user holding a seat")
    void disablingTeamLicencesNamesEveryTeamUser() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.plan(org, "STANDARD");
        LicensingFixtures.teamLicences(org, true);
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":3}").post("/api/v1/subscription/seats").then().statusCode(200);
        List<UUID> teamUsers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID user = UUID.randomUUID();
            teamUsers.add(user);
            take(org, user, "TEAM");
        }
        take(org, UUID.randomUUID(), "REGULAR");
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            LicensingFixtures.teamLicences(org, false);
            ReceivedEvent disabled = events.await(EventTypes.TEAM_LICENCES_DISABLED, org.toString(), WAIT);
            assertEquals(Set.copyOf(teamUsers.stream().map(UUID::toString).toList()), ids(disabled.data().get("teamUserIds")));
        }
        service().body("{\"pool\":\"TEAM\"}").put("/api/v1/internal/organizations/" + org + "/users/" + UUID.randomUUID() + "/seat")
                .then().statusCode(409).body("code", equalTo("team-licences-disabled"));
    }

    @Test
    @DisplayName("LIC-06: moving to FREE switches team licences off and announces every team user in plan-changed")
    void downgradeAnnouncesTeamUsers() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.plan(org, "PROFESSIONAL");
        LicensingFixtures.teamLicences(org, true);
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":2}").post("/api/v1/subscription/seats").then().statusCode(200);
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        take(org, t1, "TEAM");
        take(org, t2, "TEAM");
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            LicensingFixtures.plan(org, "FREE");
            ReceivedEvent changed = events.await(EventTypes.PLAN_CHANGED, org.toString(), WAIT);
            assertEquals("PROFESSIONAL", changed.data().get("fromPlan").asText());
            assertEquals("FREE", changed.data().get("toPlan").asText());
            assertFalse(changed.data().get("teamLicencesAvailable").asBoolean());
            assertEquals(Set.of(t1.toString(), t2.toString()), ids(changed.data().get("teamUserIds")));
        }
        owner(org).get("/api/v1/subscription").then().body("teamLicencesEnabled", equalTo(false));
    }

    @Test
    @DisplayName("LIC-06: a plan change that keeps team licences names nobody")
    void upgradeNamesNobody() {
        UUID org = UUID.randomUUID();
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            LicensingFixtures.plan(org, "ENTERPRISE");
            ReceivedEvent changed = events.await(EventTypes.PLAN_CHANGED, org.toString(), WAIT);
            assertEquals(0, changed.data().get("teamUserIds").size());
        }
    }

    @Test
    @DisplayName("user-joined makes the user known here, so an owner can give them a seat")
    void joinedUsersCanBeGivenSeats() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        TestEvents.publish(new UserJoined(org, user, "new@acme.example", "Sato", "Hana", Role.MEMBER, UserType.REGULAR,
                UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null));
        Await.until("the joined user to be assignable", () -> owner(org)
                .body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").statusCode() == 201, WAIT);
    }

    @Test
    @DisplayName("LIF-04: converting a team user takes a regular seat and frees the team seat in one step")
    void conversionMovesTheSeat() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.plan(org, "STANDARD");
        LicensingFixtures.teamLicences(org, true);
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":1}").post("/api/v1/subscription/seats").then().statusCode(200);
        UUID user = UUID.randomUUID();
        String teamSeat = take(org, user, "TEAM");
        String regularSeat = take(org, user, "REGULAR");
        assertFalse(teamSeat.equals(regularSeat));
        assertEquals(0, assigned(org, "TEAM"));
        assertEquals(1, assigned(org, "REGULAR"));
        service().get("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then()
                .statusCode(200).body("pool", equalTo("REGULAR"));
    }

    @Test
    @DisplayName("LIC-04: with no regular seat free, conversion fails and the user keeps the team seat")
    void failedConversionChangesNothing() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.plan(org, "STANDARD");
        LicensingFixtures.teamLicences(org, true);
        LicensingFixtures.seats(org, "REGULAR", 0);
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":1}").post("/api/v1/subscription/seats").then().statusCode(200);
        UUID user = UUID.randomUUID();
        take(org, user, "TEAM");
        service().body("{\"pool\":\"REGULAR\"}").put("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat")
                .then().statusCode(409).body("code", equalTo("seat-unavailable"));
        service().get("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then()
                .statusCode(200).body("pool", equalTo("TEAM"));
        assertEquals(1, assigned(org, "TEAM"));
    }

    @Test
    @DisplayName("the seat API is for service accounts only, and giving a seat back is idempotent")
    void seatApiIsForServicesOnly() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        LicensingFixtures.owner(org).body("{\"pool\":\"REGULAR\"}")
                .put("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then().statusCode(403);
        take(org, user, "REGULAR");
        service().delete("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then().statusCode(204);
        service().delete("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat").then().statusCode(204);
        assertEquals(0, assigned(org, "REGULAR"));
        service().body("{\"pool\":\"TEAM\"}").put("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat")
                .then().statusCode(409).body("code", equalTo("team-licences-unavailable-on-plan"));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private long countSubscriptions(UUID org) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from subscription where org_id = '" + org + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
