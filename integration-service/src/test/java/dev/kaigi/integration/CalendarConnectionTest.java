package dev.kaigi.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.integration.calendar.CalendarBusySyncJob;
import dev.kaigi.integration.simulators.CalendarSimulator;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.linkCalendar;
import static dev.kaigi.integration.Fixtures.organization;
import static dev.kaigi.integration.Fixtures.query;
import static dev.kaigi.integration.Fixtures.startCalendarAuthorization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT-04: calendar connections (Google, Microsoft), busy times and booked meetings, against the calendar simulator. */
@QuarkusTest
class CalendarConnectionTest {

    private static final String PATH = "/api/v1/users/{id}/calendar-connection";

    @Inject
    AgroalDataSource db;
    @Inject
    CalendarBusySyncJob busyJob;

    private static String token(UUID org, UUID user, String... roles) {
        return TestTokens.user(org, user, roles.length == 0 ? new String[] {"member"} : roles);
    }

    private static String domain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Test
    @DisplayName("INT-04: link Google (linked email shown, calendar-linked, busy times read at once), re-link with Outlook, disconnect (calendar-unlinked, revoked at Google)")
    void linkRelinkDisconnect() throws Exception {
        UUID org = organization(db, "Acme");
        UUID user = activeUser(db, org, "cal-" + UUID.randomUUID() + "@acme.test", null, null, null);
        String googleEmail = "taro@" + domain();
        Instant busyStart = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        ProviderSimulators.calendar().busy(googleEmail, busyStart, busyStart.plus(1, ChronoUnit.HOURS));

        String url = given().auth().oauth2(token(org, user)).contentType("application/json").body("{\"provider\":\"GOOGLE\"}")
                .post(PATH + "/authorization", user).then().statusCode(200).extract().path("authorizeUrl");
        assertTrue(url.startsWith(ProviderSimulators.calendar().url() + "/o/oauth2/v2/auth?"), url);
        assertEquals("offline", query(url, "access_type"));
        assertTrue(query(url, "scope").contains("calendar.freebusy"));
        assertEquals("https://app.kaigi.test/integrations/calendar/callback", query(url, "redirect_uri"));
        String access = "g-a-" + user;
        ProviderSimulators.calendar().grantCode("google", "g-code-" + user, access, "g-r-" + user, googleEmail);
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            String body = given().auth().oauth2(token(org, user)).contentType("application/json")
                    .body("{\"code\":\"g-code-" + user + "\",\"state\":\"" + query(url, "state") + "\"}").put(PATH, user)
                    .then().statusCode(200).body("provider", equalTo("GOOGLE")).body("accountEmail", equalTo(googleEmail))
                    .body("relinkRequired", equalTo(false)).extract().asString();
            assertFalse(body.contains(access), body);
            ReceivedEvent linked = probe.await(EventTypes.CALENDAR_LINKED, user.toString(), Duration.ofSeconds(30));
            assertEquals("GOOGLE", linked.data().get("provider").asText());
            assertEquals(googleEmail, linked.data().get("accountEmail").asText());
            ReceivedEvent busy = probe.await(EventTypes.CALENDAR_BUSY_TIMES_SYNCED, user.toString(), Duration.ofSeconds(30));
            assertEquals(1, busy.data().get("busy").size());
            assertEquals(busyStart, Instant.parse(busy.data().get("busy").get(0).get("start").asText()));
        }
        given().auth().oauth2(token(org, user)).get(PATH, user).then().statusCode(200)
                .body("accountEmail", equalTo(googleEmail)).body(not(containsString(access)));

        // re-link with another account, at Microsoft: the Google grant is revoked
        String outlookEmail = "taro@" + domain();
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            assertEquals(outlookEmail, linkCalendar(org, user, "microsoft", "m-a-" + user, "m-r-" + user, outlookEmail));
            ReceivedEvent relinked = probe.await(EventTypes.CALENDAR_LINKED, user.toString(), Duration.ofSeconds(30));
            assertEquals("MICROSOFT", relinked.data().get("provider").asText());
        }
        Await.until("Google grant revoked", () -> ProviderSimulators.calendar().revocations("g-r-" + user).size() == 1);
        given().auth().oauth2(token(org, user)).get(PATH, user).then().statusCode(200)
                .body("provider", equalTo("MICROSOFT")).body("accountEmail", equalTo(outlookEmail));
        assertEquals(1, count(db, "select count(*) from oauth_connection where user_id = ?", user));

        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            given().auth().oauth2(token(org, user)).delete(PATH, user).then().statusCode(204);
            ReceivedEvent unlinked = probe.await(EventTypes.CALENDAR_UNLINKED, user.toString(), Duration.ofSeconds(30));
            assertEquals("MICROSOFT", unlinked.data().get("provider").asText());
        }
        given().auth().oauth2(token(org, user)).get(PATH, user).then().statusCode(404).body("code", equalTo("calendar-not-connected"));
    }

    @Test
    @DisplayName("INT-04: busy times read in batches per organization and domain (Google freeBusy, Graph getSchedule), others' calendars with their own token, an expired token refreshed; one event per user")
    void busyTimesInBatches() throws Exception {
        UUID org = organization(db, "Acme");
        String shared = domain();
        String a = "a@" + shared;
        String b = "b@" + shared;
        String loner = "loner@" + domain();
        String outlook = "o@" + domain();
        UUID ua = activeUser(db, org, "ua-" + UUID.randomUUID() + "@acme.test", null, null, null);
        UUID ub = activeUser(db, org, "ub-" + UUID.randomUUID() + "@acme.test", null, null, null);
        UUID ul = activeUser(db, org, "ul-" + UUID.randomUUID() + "@acme.test", null, null, null);
        UUID uo = activeUser(db, org, "uo-" + UUID.randomUUID() + "@acme.test", null, null, null);
        linkCalendar(org, ua, "google", "ga-" + ua, "gr-" + ua, a);
        linkCalendar(org, ub, "google", "ga-" + ub, "gr-" + ub, b);
        linkCalendar(org, ul, "google", "ga-" + ul, "gr-" + ul, loner);
        linkCalendar(org, uo, "microsoft", "ma-" + uo, "mr-" + uo, outlook);
        Instant t = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        ProviderSimulators.calendar().busy(a, t, t.plus(30, ChronoUnit.MINUTES));
        ProviderSimulators.calendar().busy(b, t.plus(2, ChronoUnit.HOURS), t.plus(3, ChronoUnit.HOURS));
        ProviderSimulators.calendar().busy(outlook, t, t.plus(1, ChronoUnit.HOURS));
        ProviderSimulators.calendar().busy(outlook, t.plus(5, ChronoUnit.HOURS), t.plus(6, ChronoUnit.HOURS));
        // Microsoft ends the Outlook user's session: the run refreshes it (Microsoft rotates the refresh token)
        ProviderSimulators.calendar().expire("microsoft", "ma-" + uo, "mr-" + uo, "ma2-" + uo, "mr2-" + uo);
        int before = freeBusyCalls(ua) + freeBusyCalls(ub);

        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            assertTrue(busyJob.syncDue() >= 4);
            for (UUID u : List.of(ua, ub, ul, uo)) {
                probe.await(EventTypes.CALENDAR_BUSY_TIMES_SYNCED, u.toString(), Duration.ofSeconds(30));
            }
            assertEquals(List.of(t.toString()), busyStarts(probe, ua));
            assertEquals(List.of(t.plus(2, ChronoUnit.HOURS).toString()), busyStarts(probe, ub));
            assertEquals(List.of(), busyStarts(probe, ul));
            assertEquals(List.of(t.toString(), t.plus(5, ChronoUnit.HOURS).toString()), busyStarts(probe, uo));
            ReceivedEvent e = probe.await(EventTypes.CALENDAR_BUSY_TIMES_SYNCED, ua.toString(), Duration.ofSeconds(1));
            assertEquals(14, Duration.between(Instant.parse(e.data().get("windowStart").asText()),
                    Instant.parse(e.data().get("windowEnd").asText())).toDays());
        }
        // a and b (one domain) in one freeBusy request with one of their tokens
        assertEquals(before + 1, freeBusyCalls(ua) + freeBusyCalls(ub));
        List<JsonNode> batch = new java.util.ArrayList<>(ProviderSimulators.calendar().requests("/calendar/v3/freeBusy", "ga-" + ua));
        batch.addAll(ProviderSimulators.calendar().requests("/calendar/v3/freeBusy", "ga-" + ub));
        assertTrue(batch.stream().anyMatch(q -> q.get("items").size() == 2), batch.toString());
        assertEquals(1, ProviderSimulators.calendar().requests("/v1.0/me/calendar/getSchedule", "ma2-" + uo).size());
        given().auth().oauth2(token(org, uo)).get(PATH, uo).then().statusCode(200).body("relinkRequired", equalTo(false));
    }

    private static int freeBusyCalls(UUID user) {
        return ProviderSimulators.calendar().requests("/calendar/v3/freeBusy", "ga-" + user).size();
    }

    private static List<String> busyStarts(EventProbe probe, UUID user) {
        List<ReceivedEvent> events = probe.seen().stream().filter(e -> EventTypes.CALENDAR_BUSY_TIMES_SYNCED.name().equals(e.type())
                && user.toString().equals(e.key())).toList();
        List<String> starts = new java.util.ArrayList<>();
        events.get(events.size() - 1).data().get("busy").forEach(b -> starts.add(Instant.parse(b.get("start").asText()).toString()));
        return starts;
    }

    @Test
    @DisplayName("INT-04: a booking writes the meeting into the host's Google or Outlook calendar once, however often it is delivered")
    void bookingWritesTheCalendarEvent() throws Exception {
        UUID org = organization(db, "Acme");
        UUID google = activeUser(db, org, "hg-" + UUID.randomUUID() + "@acme.test", null, "https://us05web.zoom.us/j/111", null);
        UUID outlook = activeUser(db, org, "ho-" + UUID.randomUUID() + "@acme.test", null, null, null);
        linkCalendar(org, google, "google", "bg-" + google, "br-" + google, "host@" + domain());
        linkCalendar(org, outlook, "microsoft", "bo-" + outlook, "bm-" + outlook, "host@" + domain());
        Instant start = Instant.parse("2030-05-01T01:00:00Z");

        MeetingBooked zoom = new MeetingBooked(org, UUID.randomUUID(), UUID.randomUUID(), "製品デモ", google, start,
                start.plus(30, ChronoUnit.MINUTES), "Asia/Tokyo", ConferencingMethod.ZOOM, "Lead Person",
                "lead-" + UUID.randomUUID() + "@customer.test", "Lead Corp", "ja", null, null, null);
        UUID eventId = TestEvents.publish(zoom);
        Await.until("effects", () -> count(db, "select count(*) from side_effect where subject_id = ?", zoom.bookingId()) == 5,
                Duration.ofSeconds(60));
        List<JsonNode> inserts = ProviderSimulators.calendar().requests(CalendarSimulator.GOOGLE_EVENTS, "bg-" + google);
        assertEquals(1, inserts.size());
        JsonNode event = inserts.get(0);
        assertEquals(zoom.bookingId().toString().replace("-", ""), event.get("id").asText());
        assertEquals("製品デモ / Lead Person (Lead Corp)", event.get("summary").asText());
        assertEquals("2030-05-01T01:00:00Z", event.get("start").get("dateTime").asText());
        assertEquals("Asia/Tokyo", event.get("start").get("timeZone").asText());
        assertEquals("https://us05web.zoom.us/j/111", event.get("location").asText());
        assertTrue(event.get("description").asText().contains("https://us05web.zoom.us/j/111"));
        assertEquals(zoom.leadEmail(), event.get("attendees").get(0).get("email").asText());
        assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'CALENDAR_EVENT'"
                + " and outcome = 'DONE' and detail = 'GOOGLE'", zoom.bookingId()));

        // redelivered, and announced again under a new id: no second write
        TestEvents.publish(eventId, zoom);
        TestEvents.publish(zoom);
        MeetingBooked phone = new MeetingBooked(org, UUID.randomUUID(), UUID.randomUUID(), "Call", outlook, start,
                start.plus(45, ChronoUnit.MINUTES), "Asia/Tokyo", ConferencingMethod.PHONE, "Other Lead",
                "other-" + UUID.randomUUID() + "@customer.test", null, "en", null, null, null);
        TestEvents.publish(phone);
        Await.until("phone effects", () -> count(db, "select count(*) from side_effect where subject_id = ?", phone.bookingId()) == 4,
                Duration.ofSeconds(60));
        Thread.sleep(500);
        assertEquals(1, ProviderSimulators.calendar().requests(CalendarSimulator.GOOGLE_EVENTS, "bg-" + google).size());
        List<JsonNode> graph = ProviderSimulators.calendar().requests(CalendarSimulator.GRAPH_EVENTS, "bo-" + outlook);
        assertEquals(1, graph.size());
        assertEquals(phone.bookingId().toString().replace("-", ""), graph.get(0).get("transactionId").asText());
        assertEquals("2030-05-01T01:00", graph.get(0).get("start").get("dateTime").asText());
        assertEquals("UTC", graph.get(0).get("start").get("timeZone").asText());
        assertEquals("Call / Other Lead", graph.get(0).get("subject").asText());
    }

    @Test
    @DisplayName("INT-04, ORG-01: bad state or code → 400, provider away or too slow → 503, garbage → 502; only the user links, an OWNER may look, other organizations get 404")
    void badInputRolesAndTenancy() throws Exception {
        UUID org = organization(db, "Acme");
        UUID user = activeUser(db, org, "self-" + UUID.randomUUID() + "@acme.test", null, null, null);
        UUID colleague = activeUser(db, org, "col-" + UUID.randomUUID() + "@acme.test", null, null, null);
        UUID otherOrg = organization(db, "Other");
        UUID foreignOwner = activeUser(db, otherOrg, "owner-" + UUID.randomUUID() + "@other.test", null, null, null);

        String state = startCalendarAuthorization(org, user, "google");
        // another user's state, a made-up state, a code Google does not know, no code, an unknown provider
        String colleagues = startCalendarAuthorization(org, colleague, "google");
        ProviderSimulators.calendar().grantCode("google", "bad-" + user, "bad-a-" + user, "bad-r-" + user, "x@" + domain());
        for (String s : new String[] {colleagues, "made-up"}) {
            complete(org, user, "bad-" + user, s).then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("oauth-state-invalid"));
        }
        complete(org, user, "unknown", state).then().statusCode(400).body("code", equalTo("oauth-authorization-invalid"))
                .body("detail", containsString("Google Calendar"));
        complete(org, user, "", state).then().statusCode(400).body("code", equalTo("validation-failed"));
        given().auth().oauth2(token(org, user)).contentType("application/json").body("{\"provider\":\"YAHOO\"}")
                .post(PATH + "/authorization", user).then().statusCode(400).contentType("application/problem+json");

        // userinfo away, then garbage: 503 / 502, nothing stored, the state still usable
        StubMapping down = ProviderSimulators.calendar().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/oauth2/v3/userinfo")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503).withBody("<html>down</html>")));
        try {
            complete(org, user, "bad-" + user, state).then().statusCode(503).body("code", equalTo("provider-unavailable"))
                    .body(not(containsString("down")));
        } finally {
            ProviderSimulators.calendar().remove(down);
        }
        StubMapping slow = ProviderSimulators.calendar().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/oauth2/v3/userinfo")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200).withFixedDelay(1500)
                        .withBody("{\"sub\":\"late\",\"email\":\"late@x.test\"}")));
        try {
            complete(org, user, "bad-" + user, state).then().statusCode(503).contentType("application/problem+json")
                    .body("code", equalTo("provider-unavailable")).body("detail", containsString("Google Calendar"));
        } finally {
            ProviderSimulators.calendar().remove(slow);
        }
        Thread.sleep(400); // six outages in a row opened the circuit breaker (300 ms in tests), which answers 503 too
        StubMapping garbage = ProviderSimulators.calendar().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/oauth2/v3/userinfo")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200).withBody("{\"sub\":\"\"}")));
        try {
            complete(org, user, "bad-" + user, state).then().statusCode(502).body("code", equalTo("provider-error"));
        } finally {
            ProviderSimulators.calendar().remove(garbage);
        }
        assertEquals(0, count(db, "select count(*) from oauth_connection where user_id = ?", user));
        complete(org, user, "bad-" + user, state).then().statusCode(200).body("provider", equalTo("GOOGLE"));

        // roles: colleagues of any role and the OWNER cannot start, complete or remove the user's link
        for (String[] roles : new String[][] {{"member"}, {"manager"}, {"owner"}}) {
            String t = token(org, colleague, roles);
            given().auth().oauth2(t).contentType("application/json").body("{\"provider\":\"GOOGLE\"}")
                    .post(PATH + "/authorization", user).then().statusCode(403).body("code", equalTo("forbidden"));
            given().auth().oauth2(t).contentType("application/json").body("{\"code\":\"c\",\"state\":\"s\"}").put(PATH, user)
                    .then().statusCode(403);
            given().auth().oauth2(t).delete(PATH, user).then().statusCode(403);
        }
        given().auth().oauth2(token(org, colleague, "manager")).get(PATH, user).then().statusCode(403);
        given().auth().oauth2(token(org, colleague, "owner")).get(PATH, user).then().statusCode(200).body("provider", equalTo("GOOGLE"));

        // another organization's OWNER: the user does not exist for them
        String foreign = token(otherOrg, foreignOwner, "owner", "super_admin");
        given().auth().oauth2(foreign).get(PATH, user).then().statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(foreign).contentType("application/json").body("{\"provider\":\"GOOGLE\"}")
                .post(PATH + "/authorization", user).then().statusCode(404);
        given().auth().oauth2(foreign).contentType("application/json").body("{\"code\":\"c\",\"state\":\"s\"}").put(PATH, user)
                .then().statusCode(404);
        given().auth().oauth2(foreign).delete(PATH, user).then().statusCode(404);
        given().get(PATH, user).then().statusCode(401);
        assertEquals(1, count(db, "select count(*) from oauth_connection where user_id = ?", user));
    }

    private static io.restassured.response.Response complete(UUID org, UUID user, String code, String state) {
        return given().auth().oauth2(token(org, user)).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + state + "\"}").put(PATH, user);
    }
}
