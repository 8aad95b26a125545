package dev.kaigi.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.ZoomSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.ScrapedMetrics;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organizationWithSlack;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT-01, INT-02, INT-05: what a booked meeting sets off, against the Zoom and Slack simulators and a real SMTP server. */
@QuarkusTest
class MeetingBookedEffectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2030-04-01T01:00:00Z"); // 10:00 in Tokyo

    @Inject
    AgroalDataSource db;

    private record Host(UUID org, UUID user, String email, String slackId, String accessToken) {
    }

    private Host linkedHost(String slackId, String signature) throws Exception {
        UUID org = organizationWithSlack(db, "株式会社アクメ");
        String email = "host-" + UUID.randomUUID() + "@acme.test";
        UUID user = activeUser(db, org, email, slackId, null, signature);
        String access = "host-access-" + user;
        linkZoom(org, user, "zoom-host-" + user, email, access, "host-refresh-" + user);
        return new Host(org, user, email, slackId, access);
    }

    private static MeetingBooked booking(Host host, ConferencingMethod method, String leadEmail) {
        return new MeetingBooked(host.org(), UUID.randomUUID(), UUID.randomUUID(), "製品デモ", host.user(), START,
                START.plus(Duration.ofMinutes(30)), "Asia/Tokyo", method, "Tom & <Jerry>", leadEmail, "Lead Corp",
                "en", null, null, null);
    }

    private void awaitEffects(UUID bookingId, int count) {
        Await.until(count + " side effects of " + bookingId, () ->
                count(db, "select count(*) from side_effect where subject_id = ?", bookingId) == count, Duration.ofSeconds(60));
    }

    private String outcome(UUID bookingId, String kind) throws Exception {
        return count(db, "select count(*) from side_effect where subject_id = ? and kind = ? and outcome = 'DONE'",
                bookingId, kind) == 1 ? "DONE" : "NOT DONE";
    }

    @Test
    @DisplayName("SEC-03: a lead's name with a line break cannot add a header or cut the subject of the host's mail")
    void lineBreaksInValuesNeverReachAMailHeader() throws Exception {
        Host host = linkedHost(null, null);
        String lead = "lead-" + UUID.randomUUID() + "@customer.test";
        MeetingBooked booked = new MeetingBooked(host.org(), UUID.randomUUID(), UUID.randomUUID(), "製品デモ", host.user(), START,
                START.plus(Duration.ofMinutes(30)), "Asia/Tokyo", ConferencingMethod.PHONE, "Public\r\nBcc: x@evil.example\r\n\r\nHi",
                lead, "Lead Corp", "en", null, null, null);
        TestEvents.publish(booked);
        Await.until("mail to the host", () -> ProviderSimulators.mailsTo(host.email()).size() == 1);
        MimeMessage mail = ProviderSimulators.mailsTo(host.email()).get(0);
        assertEquals("【Kaigi】新しい商談: 製品デモ（Public Bcc: x@evil.example Hi 様）", mail.getSubject());
        assertEquals(null, mail.getHeader("Bcc"), "no header came from the lead's name");
        assertTrue(Mails.text(mail).startsWith("山田 太郎 さん"), "the body starts as the template does: " + Mails.text(mail));
        assertTrue(ProviderSimulators.mailsTo("x@evil.example").isEmpty(), "nobody else was mailed");
        // MTG-01: nor a property of the lead's invitation: the name stays a parameter of its one ATTENDEE line
        Await.until("mail to the lead", () -> ProviderSimulators.mailsTo(lead).size() == 1);
        String ics = Mails.ics(Mails.calendar(ProviderSimulators.mailsTo(lead).get(0)).orElseThrow()).replace("\r\n ", "");
        assertEquals("mailto:" + lead, Invitations.of(ProviderSimulators.mailsTo(lead).get(0)).attendee());
        assertTrue(ics.contains("ATTENDEE;CN=\"Public Bcc: x@evil.example Hi\";") && !ics.contains("\r\nBcc"), ics);
    }

    @Test
    @DisplayName("INT-01, INT-02, INT-05: booking → Zoom meeting in the simulator, mails to lead (with signature) and host, one Slack mention")
    void bookingSetsOffEveryEffectOnce() throws Exception {
        Host host = linkedHost("U0HOST" + Math.abs(UUID.randomUUID().hashCode() % 100000), "山田 太郎\n株式会社アクメ 営業部\nTEL 03-0000-0000");
        String lead = "lead-" + UUID.randomUUID() + "@customer.test";
        MeetingBooked booked = booking(host, ConferencingMethod.ZOOM, lead);
        UUID eventId = TestEvents.publish(booked);
        awaitEffects(booked.bookingId(), 5);

        // INT-01: the meeting was created in the host's Zoom account, with the booking's time
        List<LoggedRequest> created = ProviderSimulators.zoom().meetingRequests(host.accessToken());
        assertEquals(1, created.size());
        JsonNode body = JSON.readTree(created.get(0).getBodyAsString());
        assertEquals("2030-04-01T01:00:00Z", body.get("start_time").asText());
        assertEquals(30, body.get("duration").asInt());
        assertEquals(2, body.get("type").asInt());
        assertEquals("Asia/Tokyo", body.get("timezone").asText());
        assertTrue(body.get("topic").asText().startsWith("製品デモ"));
        String joinUrl = ZoomSimulator.joinUrl(host.accessToken());

        // INT-05: the lead's mail, sent for the host: in the lead's language, the URL, the host's signature
        Await.until("mail to the lead", () -> ProviderSimulators.mailsTo(lead).size() == 1);
        MimeMessage leadMail = ProviderSimulators.mailsTo(lead).get(0);
        String leadText = Mails.text(leadMail);
        assertTrue(leadMail.getSubject().contains("Your meeting is booked: 製品デモ"), leadMail.getSubject());
        assertTrue(leadText.contains("Dear Tom & <Jerry>,"), leadText);
        assertTrue(leadText.contains(joinUrl), leadText);
        assertTrue(leadText.contains("Mon, Apr 1, 2030 10:00–10:30 (Asia/Tokyo)"), leadText);
        assertTrue(leadText.contains("\n-- \n山田 太郎\n株式会社アクメ 営業部\nTEL 03-0000-0000"), leadText);
        assertEquals(host.email(), leadMail.getReplyTo()[0].toString());
        // the host's own notification: the URL, the lead, no signature
        Await.until("mail to the host", () -> ProviderSimulators.mailsTo(host.email()).size() == 1);
        String hostText = Mails.text(ProviderSimulators.mailsTo(host.email()).get(0));
        assertTrue(hostText.contains(joinUrl) && hostText.contains(lead) && hostText.contains("Lead Corp"), hostText);
        assertFalse(hostText.contains("株式会社アクメ 営業部"), hostText);

        // INT-02: one Slack message mentioning the host, the lead's name escaped
        List<JsonNode> posts = ProviderSimulators.slack().postsMentioning(host.slackId());
        assertEquals(1, posts.size());
        String slackText = posts.get(0).get("text").asText();
        assertTrue(slackText.startsWith("<@" + host.slackId() + ">"), slackText);
        assertTrue(slackText.contains("Tom &amp; &lt;Jerry&gt;") && !slackText.contains("<Jerry>"), slackText);
        assertTrue(slackText.contains(joinUrl), slackText);
        assertEquals(host.slackId(), posts.get(0).get("channel").asText());

        // delivered again: the same event (inbox) and the same booking under a new event id (effect records)
        TestEvents.publish(eventId, booked);
        TestEvents.publish(booked);
        MeetingBooked marker = booking(host, ConferencingMethod.PHONE, "marker-" + UUID.randomUUID() + "@customer.test");
        TestEvents.publish(marker); // same host, same partition: once it is done, the redeliveries were handled
        awaitEffects(marker.bookingId(), 4);
        assertEquals(1, ProviderSimulators.zoom().meetingRequests(host.accessToken()).size());
        assertEquals(1, ProviderSimulators.mailsTo(lead).size());
        assertEquals(2, ProviderSimulators.mailsTo(host.email()).size(), "one for each booking");
        assertEquals(2, ProviderSimulators.slack().postsMentioning(host.slackId()).size(), "one for each booking");
        assertEquals(0, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'ZOOM_MEETING'",
                marker.bookingId()), "no Zoom meeting for a phone meeting");
        // INT-01: the link is announced once, whatever was redelivered
        assertEquals(1, count(db, "select count(*) from outbox where event_type = 'kaigi.integration.meeting-conference-created.v1'"
                + " and payload->>'bookingId' = ? and payload->>'joinUrl' = ? and payload->>'personalMeetingUrl' = 'false'",
                booked.bookingId().toString(), joinUrl));
        assertEquals(0, count(db, "select count(*) from outbox where event_type = 'kaigi.integration.meeting-conference-created.v1'"
                + " and payload->>'bookingId' = ?", marker.bookingId().toString()));
    }

    @Test
    @DisplayName("INT-01: Zoom answering 503 for a while → the booking's effects are done once Zoom is back, once; "
            + "meanwhile the providers wellness check shows Zoom's failed last call, readiness stays UP")
    void zoomOutageIsWaitedOut() throws Exception {
        Host host = linkedHost("U0OUT" + Math.abs(UUID.randomUUID().hashCode() % 100000), null);
        String lead = "outage-" + UUID.randomUUID() + "@customer.test";
        StubMapping down = ProviderSimulators.zoom().meetingsAnswer(503);
        MeetingBooked booked = booking(host, ConferencingMethod.ZOOM, lead);
        try {
            TestEvents.publish(booked);
            Await.until("Zoom asked several times while down",
                    () -> ProviderSimulators.zoom().meetingRequests(host.accessToken()).size() >= 4, Duration.ofSeconds(60));
            Await.until("Zoom's failed last call in /q/health/well", () -> zoomLastCall().startsWith("DOWN"));
            assertTrue(zoomLastCall().contains("answered 503"), zoomLastCall());
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            Thread.sleep(500);
            assertEquals(0, count(db, "select count(*) from side_effect where subject_id = ?", booked.bookingId()),
                    "nothing done while the meeting URL is missing");
            assertEquals(0, ProviderSimulators.mailsTo(lead).size());
        } finally {
            ProviderSimulators.zoom().remove(down);
        }
        awaitEffects(booked.bookingId(), 5);
        assertTrue(zoomLastCall().startsWith("UP"), "Zoom's last call once it is back: " + zoomLastCall());
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(host.accessToken()));
        Await.until("mails", () -> ProviderSimulators.mailsTo(lead).size() == 1
                && ProviderSimulators.mailsTo(host.email()).size() == 1);
        assertTrue(Mails.text(ProviderSimulators.mailsTo(lead).get(0)).contains(ZoomSimulator.joinUrl(host.accessToken())));
        assertEquals(1, ProviderSimulators.slack().postsMentioning(host.slackId()).size());
        Thread.sleep(500);
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(host.accessToken()));
        assertEquals(1, ProviderSimulators.mailsTo(lead).size());
    }

    @Test
    @DisplayName("Metrics: a booking's side effects are counted per provider and outcome on /q/metrics, and its event as applied")
    void sideEffectsAreMetered() throws Exception {
        ScrapedMetrics before = ScrapedMetrics.scrape();
        Host refused = linkedHost("U0METER" + Math.abs(UUID.randomUUID().hashCode() % 100000), null);
        ProviderSimulators.slack().failFor(refused.slackId(), "channel_not_found");
        MeetingBooked booked = booking(refused, ConferencingMethod.ZOOM, "m-" + UUID.randomUUID() + "@customer.test");
        TestEvents.publish(booked);
        awaitEffects(booked.bookingId(), 6); // Zoom, calendar, two mails, the refused mention, the OWNERs' alert
        Await.until("the effects and the event on /q/metrics", () -> {
            ScrapedMetrics now = ScrapedMetrics.scrape();
            return grew(before, now, Map.of("provider", "zoom", "kind", "zoom_meeting", "outcome", "done"), 1)
                    && grew(before, now, Map.of("provider", "mail", "kind", "lead_mail", "outcome", "done"), 1)
                    && grew(before, now, Map.of("provider", "slack", "kind", "slack_mention", "outcome", "failed"), 1)
                    && now.value("kaigi_events_applied_total", Map.of("type", "kaigi.scheduling.meeting-booked.v1",
                    "group", "integration-service")) >= before.value("kaigi_events_applied_total",
                    Map.of("type", "kaigi.scheduling.meeting-booked.v1", "group", "integration-service")) + 1;
        });
    }

    private static boolean grew(ScrapedMetrics before, ScrapedMetrics now, Map<String, String> labels, int by) {
        return now.value("kaigi_side_effects_total", labels) >= before.value("kaigi_side_effects_total", labels) + by;
    }

    @Test
    @DisplayName("INT-02: Slack ok:false is recorded and holds nothing back; a 429 with Retry-After is waited out")
    void slackErrorsAreHandled() throws Exception {
        Host refused = linkedHost("U0GONE" + Math.abs(UUID.randomUUID().hashCode() % 100000), null);
        ProviderSimulators.slack().failFor(refused.slackId(), "channel_not_found");
        MeetingBooked first = booking(refused, ConferencingMethod.ZOOM, "a-" + UUID.randomUUID() + "@customer.test");
        TestEvents.publish(first);
        // the five effects, then the OWNERs' alert of the refused mention: waiting for the five alone would race the sixth
        awaitEffects(first.bookingId(), 6);
        assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'ADMIN_ALERT'", first.bookingId()));
        assertEquals("DONE", outcome(first.bookingId(), "LEAD_MAIL"));
        assertEquals("DONE", outcome(first.bookingId(), "HOST_MAIL"));
        assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'SLACK_MENTION'"
                + " and outcome = 'FAILED' and detail = 'slack: channel_not_found'", first.bookingId()));
        assertEquals(1, ProviderSimulators.slack().postsMentioning(refused.slackId()).size(), "not retried");

        Host limited = linkedHost("U0RATE" + Math.abs(UUID.randomUUID().hashCode() % 100000), null);
        ProviderSimulators.slack().rateLimitOnceFor(limited.slackId());
        MeetingBooked second = booking(limited, ConferencingMethod.ZOOM, "b-" + UUID.randomUUID() + "@customer.test");
        TestEvents.publish(second);
        awaitEffects(second.bookingId(), 5);
        assertEquals("DONE", outcome(second.bookingId(), "SLACK_MENTION"));
        assertEquals(1, ProviderSimulators.slack().answered(limited.slackId(), 429));
        assertEquals(1, ProviderSimulators.slack().answered(limited.slackId(), 200));
    }

    @Test
    @DisplayName("INT-01: an expired Zoom token is refreshed (rotating refresh token); without a link the personal meeting URL is used")
    void tokenRefreshAndPersonalUrl() throws Exception {
        Host host = linkedHost(null, null);
        // Zoom no longer accepts the stored access token: the client refreshes once and creates the meeting
        String newAccess = "renewed-" + host.user();
        ProviderSimulators.zoom().grantRefresh("host-refresh-" + host.user(), newAccess, "renewed-refresh-" + host.user());
        ProviderSimulators.zoom().user(newAccess, "zoom-host-" + host.user(), host.email());
        var expired = ProviderSimulators.zoom().server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v2/users/me/meetings")).atPriority(2)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + host.accessToken()))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":124,\"message\":\"Access token is expired.\"}")));
        try {
            MeetingBooked booked = booking(host, ConferencingMethod.ZOOM, "r-" + UUID.randomUUID() + "@customer.test");
            TestEvents.publish(booked);
            awaitEffects(booked.bookingId(), 5); // no Slack ID: zoom, no calendar, two mails, a skipped mention
            assertEquals(1, ProviderSimulators.zoom().meetingsCreated(newAccess));
            assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'ZOOM_MEETING'"
                    + " and result = ?", booked.bookingId(), ZoomSimulator.joinUrl(newAccess)));
        } finally {
            ProviderSimulators.zoom().remove(expired);
        }

        // a host without a Zoom link: their personal meeting URL, Zoom not called
        UUID org = host.org();
        String email = "personal-" + UUID.randomUUID() + "@acme.test";
        UUID personal = activeUser(db, org, email, null, "https://us05web.zoom.us/j/1234567890", null);
        MeetingBooked booked = new MeetingBooked(org, UUID.randomUUID(), UUID.randomUUID(), "Demo", personal, START,
                START.plus(Duration.ofMinutes(45)), "Asia/Tokyo", ConferencingMethod.ZOOM, "山本 花子",
                "p-" + UUID.randomUUID() + "@customer.test", null, "ja", null, null, null);
        TestEvents.publish(booked);
        awaitEffects(booked.bookingId(), 5);
        String leadText = Mails.text(ProviderSimulators.mailsTo(booked.leadEmail()).get(0));
        assertTrue(leadText.contains("山本 花子 様") && leadText.contains("https://us05web.zoom.us/j/1234567890")
                && leadText.contains("2030年4月1日(月) 10:00–10:45 (Asia/Tokyo)"), leadText);
        assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and kind = 'SLACK_MENTION'"
                + " and outcome = 'SKIPPED'", booked.bookingId()));
    }

    /** Zoom's entry in the providers wellness check: "UP|DOWN <time> <outcome>". */
    private static String zoomLastCall() {
        return String.valueOf(given().get("/q/health/well").then().extract().jsonPath()
                .getString("checks.find { it.name == 'providers' }.data.zoom"));
    }
}
