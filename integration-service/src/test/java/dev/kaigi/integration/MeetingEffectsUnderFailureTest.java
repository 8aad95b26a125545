package dev.kaigi.integration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.user.Role;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.ZoomSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.linkCalendar;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INT-01, INT-04, INT-05, MTG-06 under failure: each effect of a booking's step happens once when the service
 * dies between a provider's answer and the effect's record, when a provider fails for a moment, and when a
 * provider refuses for good (then the OWNERs are told, once).
 */
@QuarkusTest
class MeetingEffectsUnderFailureTest {

    private static final Instant START = Instant.parse("2030-05-01T01:00:00Z");

    @Inject
    AgroalDataSource db;

    private record Host(UUID org, UUID user, String email, String zoomToken) {
    }

    private Host host(UUID org, boolean calendar) {
        String email = "host-" + UUID.randomUUID() + "@acme.test";
        UUID user = activeUser(db, org, email, null, null, null);
        linkZoom(org, user, "zoom-" + user, email, "zoom-access-" + user, "zoom-refresh-" + user);
        if (calendar) {
            linkCalendar(org, user, "google", "cal-access-" + user, "cal-refresh-" + user, email);
        }
        return new Host(org, user, email, "zoom-access-" + user);
    }

    private static MeetingBooked booked(Host host) {
        return new MeetingBooked(host.org(), UUID.randomUUID(), UUID.randomUUID(), "製品デモ", host.user(), START,
                START.plus(Duration.ofMinutes(30)), "Asia/Tokyo", ConferencingMethod.ZOOM, "Lead Person",
                "lead-" + UUID.randomUUID() + "@customer.test", "Lead Corp", "en", "Asia/Tokyo", null, 0);
    }

    private void awaitRecorded(UUID bookingId, int effects) {
        Await.until(effects + " effects of " + bookingId, () -> count(db,
                "select count(*) from side_effect where subject_id = ?", bookingId) == effects, Duration.ofSeconds(60));
    }

    private String outcome(UUID bookingId, String kind) throws Exception {
        for (String outcome : List.of("DONE", "SKIPPED", "FAILED")) {
            if (count(db, "select count(*) from side_effect where subject_id = ? and kind = ? and outcome = ?",
                    bookingId, kind, outcome) == 1) {
                return outcome;
            }
        }
        return "none";
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /**
     * The service "dies" right after the provider accepted: the first record of each of {@code kinds} for the
     * booking fails in the database, so the event is rolled back and delivered again, as after a crash.
     */
    private void failFirstRecordOf(UUID bookingId, List<String> kinds) throws Exception {
        String tag = bookingId.toString().replace("-", "");
        StringBuilder checks = new StringBuilder();
        for (String kind : kinds) {
            sql("create sequence crash_" + tag + "_" + kind.toLowerCase());
            checks.append("if new.kind = '").append(kind).append("' then if nextval('crash_").append(tag).append('_')
                    .append(kind.toLowerCase()).append("') = 1 then raise exception 'crashed after the provider answered'; end if; end if;\n");
        }
        sql("create function crash_" + tag + "() returns trigger language plpgsql as $$ begin\n"
                + "if new.subject_id = '" + bookingId + "' then\n" + checks + "end if;\nreturn new; end $$");
        sql("create trigger crash_" + tag + " before insert on side_effect for each row execute function crash_" + tag + "()");
    }

    private void removeCrashes(UUID bookingId, List<String> kinds) throws Exception {
        String tag = bookingId.toString().replace("-", "");
        sql("drop trigger if exists crash_" + tag + " on side_effect");
        sql("drop function if exists crash_" + tag + "()");
        for (String kind : kinds) {
            sql("drop sequence if exists crash_" + tag + "_" + kind.toLowerCase());
        }
    }

    @Test
    @DisplayName("INT-01, INT-04, MTG-06: a crash after Zoom and Google accepted, before the record → the redelivered event finds the meeting (marker in its agenda) and the event (409 for its id): one of each")
    void crashBetweenProviderAndRecordMakesNoSecondMeetingOrEvent() throws Exception {
        UUID org = organization(db, "Acme");
        Host host = host(org, true);
        MeetingBooked booked = booked(host);
        List<String> crashing = List.of("ZOOM_MEETING", "CALENDAR_EVENT");
        failFirstRecordOf(booked.bookingId(), crashing);
        try {
            TestEvents.publish(booked);
            awaitRecorded(booked.bookingId(), 5); // Zoom, calendar, lead and host mailed, Slack skipped (no member id)
        } finally {
            removeCrashes(booked.bookingId(), crashing);
        }

        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(host.zoomToken()), "one Zoom meeting");
        assertTrue(ProviderSimulators.zoom().meetingLists(host.zoomToken()).size() >= 1, "looked up before creating again");
        String agenda = new ObjectMapper().readTree(
                ProviderSimulators.zoom().meetingRequests(host.zoomToken()).get(0).getBodyAsString()).get("agenda").asText();
        assertTrue(agenda.endsWith("kaigi-ref: " + booked.bookingId() + "/0"), agenda);
        assertEquals(1, ProviderSimulators.calendar().events(host.email()).size(), "one event in the host's calendar");
        assertEquals("DONE", outcome(booked.bookingId(), "ZOOM_MEETING"));
        assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'ZOOM_MEETING' and result = ?",
                booked.bookingId(), ZoomSimulator.joinUrl(host.zoomToken())));
        assertEquals("DONE", outcome(booked.bookingId(), "CALENDAR_EVENT"));
        assertEquals(0, count(db, "select count(*) from side_effect_intent where subject_id = ?", booked.bookingId()),
                "no intent left once each effect is recorded");
        // INT-01: the link is announced with the record, so once
        assertEquals(1, count(db, "select count(*) from outbox where event_type = 'kaigi.integration.meeting-conference-created.v1'"
                + " and payload->>'bookingId' = ?", booked.bookingId().toString()));
        // INT-05: the mails come after both crashes: one to the lead, with the step's Message-ID
        List<MimeMessage> leadMails = ProviderSimulators.mailsTo(booked.leadEmail());
        assertEquals(1, leadMails.size());
        assertEquals("<lead-mail.0." + booked.bookingId() + "@kaigi.test>", leadMails.get(0).getMessageID());
    }

    @Test
    @DisplayName("INT-01: Zoom answering 503, then 201 → the call is retried with backoff in place; one meeting, no redelivery needed")
    void zoomFailingForAMomentIsRetried() throws Exception {
        UUID org = organization(db, "Acme");
        Host host = host(org, false);
        ProviderSimulators.zoom().server().stubFor(post(urlPathEqualTo("/v2/users/me/meetings")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + host.zoomToken()))
                .inScenario("zoom-503-" + host.user()).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("back")
                .willReturn(ZoomSimulator.json(503, "{\"code\":503,\"message\":\"Service unavailable\"}")));
        MeetingBooked booked = booked(host);
        TestEvents.publish(booked);
        awaitRecorded(booked.bookingId(), 5);

        assertEquals(2, ProviderSimulators.zoom().meetingRequests(host.zoomToken()).size(), "503, then 201");
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(host.zoomToken()));
        assertEquals(0, ProviderSimulators.zoom().meetingLists(host.zoomToken()).size(),
                "retried in place: the event was not redelivered, nothing to look up");
        assertEquals("DONE", outcome(booked.bookingId(), "ZOOM_MEETING"));
    }

    @Test
    @DisplayName("INT-01, MTG-06: Zoom refusing for good (400) → FAILED with Zoom's code in the side-effect log, the OWNERs mailed once, not again on redelivery")
    void refusalIsLoggedAndOwnersAreToldOnce() throws Exception {
        UUID org = organization(db, "Acme");
        Host host = host(org, false);
        String ownerEmail = "owner-" + UUID.randomUUID() + "@acme.test";
        UUID owner = activeUser(db, org, ownerEmail, Role.OWNER);
        ProviderSimulators.zoom().server().stubFor(post(urlPathEqualTo("/v2/users/me/meetings")).atPriority(2)
                .withHeader("Authorization", equalTo("Bearer " + host.zoomToken()))
                .willReturn(ZoomSimulator.json(400, "{\"code\":300,\"message\":\"Invalid meeting settings.\"}")));
        MeetingBooked booked = booked(host);
        UUID eventId = TestEvents.publish(booked);
        awaitRecorded(booked.bookingId(), 6); // Zoom failed, no calendar, lead and host mailed, no Slack id, the alert

        List<Map<String, Object>> log = given().auth().oauth2(TestTokens.user(org, owner, "owner"))
                .get("/api/v1/bookings/{id}/side-effects", booked.bookingId()).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(log.stream().anyMatch(e -> e.get("kind").equals("ZOOM_MEETING") && e.get("outcome").equals("FAILED")
                && "zoom: 300".equals(e.get("detail"))), log.toString());
        assertTrue(log.stream().anyMatch(e -> e.get("kind").equals("ADMIN_ALERT") && e.get("outcome").equals("DONE")),
                log.toString());
        List<MimeMessage> alerts = awaitMails(ownerEmail, 1);
        assertEquals(1, alerts.size());
        MimeMessage alert = alerts.get(0);
        assertEquals("<admin-alert.0." + booked.bookingId() + "." + owner + "@kaigi.test>", alert.getMessageID());
        assertTrue(alert.getSubject().contains("1 件が完了できませんでした"), alert.getSubject()); // the OWNER's language: Japanese by default
        String text = Mails.text(alert);
        assertTrue(text.contains("- ZOOM_MEETING: zoom: 300") && text.contains(booked.bookingId().toString()), text);

        TestEvents.publish(eventId, booked);
        TestEvents.publish(booked); // the same step under a new event id
        MeetingBooked marker = booked(host);
        TestEvents.publish(marker); // same host, same partition: once it is done, the redeliveries were handled
        awaitRecorded(marker.bookingId(), 6);
        assertEquals(2, ProviderSimulators.mailsTo(ownerEmail).size(), "one alert per booking, none for the redeliveries");
        assertEquals(1, ProviderSimulators.mailsTo(booked.leadEmail()).size());
    }

    @Test
    @DisplayName("MTG-06: a cancellation's Zoom deletion waiting out an outage shows as PENDING in the booking's side-effect log, then DONE once Zoom is back")
    void effectWaitingForItsProviderIsPendingInTheLog() throws Exception {
        UUID org = organization(db, "Acme");
        Host host = host(org, false);
        MeetingBooked booked = booked(host);
        TestEvents.publish(booked);
        awaitRecorded(booked.bookingId(), 5);
        StubMapping down = ProviderSimulators.zoom().server().stubFor(delete(urlPathMatching("/v2/meetings/[0-9]+")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + host.zoomToken()))
                .willReturn(ZoomSimulator.json(503, "{\"code\":503,\"message\":\"Service unavailable\"}")));
        try {
            TestEvents.publish(new MeetingCancelled(org, booked.bookingId(), host.user(), "製品デモ", ConferencingMethod.ZOOM,
                    START, START.plus(Duration.ofMinutes(30)), "Asia/Tokyo", "Lead Person", booked.leadEmail(), "Lead Corp",
                    "en", "lead-request", booked.meetingTypeId(), "Asia/Tokyo", null, 1, MeetingActor.LEAD));
            Await.until("the Zoom deletion pending in the log", () -> outcomes(host, booked, "ZOOM_DELETE").equals(List.of("PENDING")),
                    Duration.ofSeconds(60));
        } finally {
            ProviderSimulators.zoom().remove(down);
        }
        Await.until("the Zoom deletion done", () -> outcomes(host, booked, "ZOOM_DELETE").equals(List.of("DONE")),
                Duration.ofSeconds(60));
    }

    /** The outcomes of {@code kind} in the booking's side-effect log, as its host reads it. */
    private static List<Object> outcomes(Host host, MeetingBooked booked, String kind) {
        List<Map<String, Object>> log = given().auth().oauth2(TestTokens.user(host.org(), host.user(), "member"))
                .get("/api/v1/bookings/{id}/side-effects", booked.bookingId()).then().statusCode(200)
                .extract().jsonPath().getList("$");
        return log.stream().filter(e -> kind.equals(e.get("kind"))).map(e -> e.get("outcome")).toList();
    }

    private static List<MimeMessage> awaitMails(String to, int n) {
        Await.until(n + " mails to " + to, () -> ProviderSimulators.mailsTo(to).size() >= n, Duration.ofSeconds(30));
        return ProviderSimulators.mailsTo(to);
    }
}
