package dev.kaigi.integration;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserType;
import dev.kaigi.events.user.UserUpdated;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What user-service's lifecycle events do to a user's integrations (LIF-02, EVT-02). */
@QuarkusTest
class UserLifecycleTest {

    @Inject
    AgroalDataSource db;

    private static long revocations(String token) {
        return ProviderSimulators.zoom().server().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/oauth/revoke"))
                .withRequestBody(WireMock.containing(token))).size();
    }

    @Test
    @DisplayName("LIF-02: user-deleted → Zoom and calendar unlinked, zoom-unlinked and calendar-unlinked published once, revoked at Zoom and Google; redelivery changes nothing")
    void deletedUserIsDisconnected() throws Exception {
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, "owner-" + UUID.randomUUID() + "@acme.test", null, null, null);
        UUID user = activeUser(db, org, "leaving-" + UUID.randomUUID() + "@acme.test", null, null, null);
        linkZoom(org, user, "zoom-leaving-" + user, "leaving@acme.test", "al-" + user, "rl-" + user);
        Fixtures.linkCalendar(org, user, "google", "cal-al-" + user, "cal-rl-" + user, "leaving@" + user + ".test");

        UserDeleted deleted = new UserDeleted(org, user, owner, owner);
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            UUID eventId = TestEvents.publish(deleted);
            ReceivedEvent unlinked = probe.await(EventTypes.ZOOM_UNLINKED, user.toString(), Duration.ofSeconds(30));
            assertEquals(org.toString(), unlinked.data().get("orgId").asText());
            ReceivedEvent calendar = probe.await(EventTypes.CALENDAR_UNLINKED, user.toString(), Duration.ofSeconds(30));
            assertEquals("GOOGLE", calendar.data().get("provider").asText());
            Await.until("revoked at Zoom", () -> revocations("al-" + user) == 1);
            Await.until("revoked at Google", () -> ProviderSimulators.calendar().revocations("cal-rl-" + user).size() == 1);
            assertEquals(0, count(db, "select count(*) from oauth_connection where user_id = ?", user));
            assertEquals(0, count(db, "select count(*) from zoom_connection where user_id = ?", user));
            Await.until("deletion applied", () -> count(db,
                    "select count(*) from user_profile where user_id = ? and status = 'DELETED'", user) == 1);

            // the same event again, and the deletion announced a second time under a new id
            TestEvents.publish(eventId, deleted);
            TestEvents.publish(deleted);
            List<ReceivedEvent> seen = probe.drain(Duration.ofSeconds(2));
            assertEquals(1, seen.stream().filter(e -> e.type().equals(EventTypes.ZOOM_UNLINKED.name())
                    && e.key().equals(user.toString())).count());
            assertEquals(1, seen.stream().filter(e -> e.type().equals(EventTypes.CALENDAR_UNLINKED.name())
                    && e.key().equals(user.toString())).count());
        }
        assertEquals(1, revocations("al-" + user));
        // the deleted user's token is refused
        given().auth().oauth2(TestTokens.user(org, user, "member")).get("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(401).body("code", equalTo("token-revoked"));
    }

    @Test
    @DisplayName("EVT-01: user-updated → the new email and Slack member ID are what the next mails and mentions use")
    void updatedUserInTheReadModel() throws Exception {
        UUID org = organization(db, "Acme");
        UUID user = activeUser(db, org, "before-" + UUID.randomUUID() + "@acme.test", "U0BEFORE1", null, null);
        String email = "after-" + UUID.randomUUID() + "@acme.test";
        TestEvents.publish(new UserUpdated(org, user, email, "山田", "太郎", Role.MANAGER, UserType.REGULAR, "W0AFTER2",
                null, "sig", List.of("email", "slackMemberId")));
        Await.until("read model updated", () -> count(db, "select count(*) from user_profile where user_id = ? and email = ?"
                + " and slack_member_id = 'W0AFTER2' and status = 'ACTIVE'", user, email) == 1);
    }
}
