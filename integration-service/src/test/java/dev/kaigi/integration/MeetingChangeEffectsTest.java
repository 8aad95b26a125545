package dev.kaigi.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.links.ManageTokens;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.scheduling.MeetingReassigned;
import dev.kaigi.events.scheduling.MeetingRescheduled;
import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.integration.Invitations.Invitation;
import dev.kaigi.integration.calendar.CalendarBusySyncJob;
import dev.kaigi.integration.simulators.CalendarSimulator;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.ZoomSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.linkCalendar;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organizationWithSlack;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MTG-01, MTG-06: what a booking's reschedule, reassignment and cancellation set off, against the simulators and a real SMTP server. */
@QuarkusTest
class MeetingChangeEffectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The test profile's {@code kaigi.mail.manage-link-secret}, as scheduling-service would hold it. */
    private static final ManageTokens MANAGE = ManageTokens.withKey("dGVzdC1vbmx5LW1hbmFnZS1saW5rLXNlY3JldC0zMmJ5dGVz");
    private static final Instant START = Instant.parse("2030-04-01T01:00:00Z"); // 10:00 in Tokyo, 21:00 the day before in New York

    @Inject
    AgroalDataSource db;
    @Inject
    CalendarBusySyncJob busyJob;

    private record Host(UUID org, UUID user, String email, String slackId, String zoomToken, String calendarToken) {
    }

    private record Booking(UUID org, UUID id, UUID meetingTypeId, String leadEmail) {
        String uid() {
            return MeetingCalendar.uid(id);
        }
    }

    private Host host(UUID org, String calendar) {
        String email = "host-" + UUID.randomUUID() + "@acme.test";
        String slack = "U0" + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        UUID user = activeUser(db, org, email, slack, null, "山田 太郎\n株式会社アクメ");
        linkZoom(org, user, "zoom-" + user, email, "zoom-access-" + user, "zoom-refresh-" + user);
        if (calendar != null) {
            linkCalendar(org, user, calendar, "cal-access-" + user, "cal-refresh-" + user, email);
        }
        return new Host(org, user, email, slack, "zoom-access-" + user, calendar == null ? null : "cal-access-" + user);
    }

    /** Two hosts without calendars, and a booking of their organization to hand from one to the other. */
    private record Handover(Host from, Host to, Booking booking) {
    }

    private Handover handover() {
        UUID org = organizationWithSlack(db, "Acme");
        return new Handover(host(org, null), host(org, null), booking(org));
    }

    private static Booking booking(UUID org) {
        return new Booking(org, UUID.randomUUID(), UUID.randomUUID(), "lead-" + UUID.randomUUID() + "@customer.test");
    }

    private static MeetingBooked booked(Booking b, Host host, Instant start) {
        return new MeetingBooked(b.org(), b.id(), b.meetingTypeId(), "製品デモ", host.user(), start,
                start.plus(30, ChronoUnit.MINUTES), "Asia/Tokyo", ConferencingMethod.ZOOM, "Lead Person", b.leadEmail(),
                "Lead Corp", "en", "America/New_York", b.uid(), 0);
    }

    private static MeetingRescheduled rescheduled(Booking b, Host from, Host to, Instant previous, Instant start, int sequence) {
        return new MeetingRescheduled(b.org(), b.id(), b.meetingTypeId(), "製品デモ", ConferencingMethod.ZOOM, previous,
                previous.plus(30, ChronoUnit.MINUTES), from.user(), start, start.plus(30, ChronoUnit.MINUTES), to.user(),
                "Asia/Tokyo", "Lead Person", b.leadEmail(), "Lead Corp", "en", "America/New_York", b.uid(), sequence,
                MeetingActor.LEAD, null);
    }

    private static MeetingReassigned reassigned(Booking b, Host from, Host to, Instant start, int sequence) {
        return new MeetingReassigned(b.org(), b.id(), from.user(), to.user(), b.meetingTypeId(), "製品デモ",
                ConferencingMethod.ZOOM, start, start.plus(30, ChronoUnit.MINUTES), "Asia/Tokyo", "Lead Person",
                b.leadEmail(), "Lead Corp", "en", ReassignmentReason.MANUAL, "America/New_York", b.uid(), sequence,
                MeetingActor.ADMIN);
    }

    private static MeetingCancelled cancelled(Booking b, Host host, Instant start, String reason, int sequence) {
        return new MeetingCancelled(b.org(), b.id(), host.user(), "製品デモ", ConferencingMethod.ZOOM, start,
                start.plus(30, ChronoUnit.MINUTES), "Asia/Tokyo", "Lead Person", b.leadEmail(), "Lead Corp", "en", reason,
                b.meetingTypeId(), "America/New_York", b.uid(), sequence, MeetingActor.SYSTEM);
    }

    private void awaitStep(Booking b, int sequence, int effects) {
        Await.until(effects + " effects of " + b.id() + " at " + sequence, () -> count(db,
                "select count(*) from side_effect where subject_id = ? and sequence = ?", b.id(), sequence) == effects,
                Duration.ofSeconds(60));
    }

    private static List<MimeMessage> awaitMails(String to, int n) {
        Await.until(n + " mails to " + to, () -> ProviderSimulators.mailsTo(to).size() >= n, Duration.ofSeconds(30));
        return ProviderSimulators.mailsTo(to);
    }

    private static String manageUrl(Booking b) {
        return "https://app.kaigi.test/bookings/" + MANAGE.tokenOf(b.id());
    }

    @Test
    @DisplayName("MTG-01, MTG-06, USR-08: booked → rescheduled → cancelled: one UID, SEQUENCE 0, 1, 2, REQUEST then CANCEL; Zoom and the calendar event moved, then deleted; everyone told")
    void mtg01InvitationFollowsTheBookingThroughRescheduleAndCancellation() throws Exception {
        UUID org = organizationWithSlack(db, "株式会社アクメ");
        Host host = host(org, "google");
        Booking b = booking(org);
        Instant moved = START.plus(1, ChronoUnit.DAYS);

        TestEvents.publish(booked(b, host, START));
        awaitStep(b, 0, 5);
        MimeMessage bookedMail = awaitMails(b.leadEmail(), 1).get(0);
        Invitation first = Invitations.of(bookedMail);
        String joinUrl = ZoomSimulator.joinUrl(host.zoomToken());
        assertEquals(new Invitation("REQUEST", b.uid(), 0, "CONFIRMED", "mailto:" + host.email(), "mailto:" + b.leadEmail(),
                START, START.plus(30, ChronoUnit.MINUTES), joinUrl, first.description()), first);
        assertTrue(first.description().contains(joinUrl) && first.description().contains(manageUrl(b)), first.description());
        String text = Mails.text(bookedMail);
        // MTG-02 link and the lead's own zone (INT-05: in the lead's language); USR-08: the host's contact
        assertTrue(text.contains("To reschedule or cancel: " + manageUrl(b)), text);
        assertTrue(text.contains("Contact: " + Fixtures.CONTACT), text);
        assertTrue(text.contains("Sun, Mar 31, 2030 21:00–21:30 (America/New_York)"), text);

        TestEvents.publish(rescheduled(b, host, host, START, moved, 1));
        awaitStep(b, 1, 4); // Zoom moved, calendar moved, lead and host mailed
        JsonNode patch = JSON.readTree(ProviderSimulators.zoom().meetingUpdates(host.zoomToken()).get(0).getBodyAsString());
        assertEquals("2030-04-02T01:00:00Z", patch.get("start_time").asText());
        assertEquals(30, patch.get("duration").asInt());
        assertTrue(ProviderSimulators.zoom().meetingUpdates(host.zoomToken()).get(0).getUrl()
                .startsWith("/v2/meetings/" + ZoomSimulator.meetingId(host.zoomToken())));
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(host.zoomToken()), "the meeting kept, not made again");
        List<Instant[]> inCalendar = ProviderSimulators.calendar().events(host.email());
        assertEquals(1, inCalendar.size());
        assertEquals(moved, inCalendar.get(0)[0]);
        Invitation update = Invitations.of(awaitMails(b.leadEmail(), 2).get(1));
        assertEquals(new Invitation("REQUEST", b.uid(), 1, "CONFIRMED", "mailto:" + host.email(), "mailto:" + b.leadEmail(),
                moved, moved.plus(30, ChronoUnit.MINUTES), joinUrl, update.description()), update);
        String updatedText = Mails.text(awaitMails(b.leadEmail(), 2).get(1));
        assertTrue(updatedText.contains("Mon, Apr 1, 2030 21:00–21:30 (America/New_York) (was Sun, Mar 31, 2030 21:00)")
                && updatedText.contains(manageUrl(b)), updatedText);
        String hostMoved = Mails.text(awaitMails(host.email(), 2).get(1));
        assertTrue(hostMoved.contains("日時が変更されました") && hostMoved.contains("2030年4月2日(火) 10:00–10:30 (Asia/Tokyo)"), hostMoved);

        TestEvents.publish(cancelled(b, host, moved, "host-unavailable", 2));
        awaitStep(b, 2, 5); // Zoom deleted, calendar event deleted, lead and host mailed, Slack told
        assertEquals(1, ProviderSimulators.zoom().meetingDeletions(host.zoomToken()).size());
        assertTrue(ProviderSimulators.calendar().events(host.email()).isEmpty(), "the event left the host's calendar");
        MimeMessage cancelMail = awaitMails(b.leadEmail(), 3).get(2);
        Invitation cancel = Invitations.of(cancelMail);
        assertEquals("CANCEL", cancel.method());
        assertEquals("CANCELLED", cancel.status());
        assertEquals(b.uid(), cancel.uid());
        assertEquals(2, cancel.sequence());
        String cancelText = Mails.text(cancelMail);
        // MTG-05: nobody could take it over, so the lead may book again
        assertTrue(cancelText.contains("https://app.kaigi.test/book/" + b.meetingTypeId()), cancelText);
        assertTrue(cancelText.contains("Contact: " + Fixtures.CONTACT), cancelText);
        String hostCancelled = Mails.text(awaitMails(host.email(), 3).get(2)); // the host's language: Japanese by default
        assertTrue(hostCancelled.contains("キャンセルされました。理由: host-unavailable"), hostCancelled);
        List<JsonNode> posts = ProviderSimulators.slack().postsMentioning(host.slackId());
        assertEquals(2, posts.size(), "the booking's mention and the cancellation");
        assertTrue(posts.get(1).get("text").asText().contains("商談がキャンセルされました"), posts.get(1).toString());

        // the booking's side-effect log, for its host: each step's effects with the providers' ids
        List<Map<String, Object>> log = given().auth().oauth2(TestTokens.user(org, host.user(), "member"))
                .get("/api/v1/bookings/{id}/side-effects", b.id()).then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(14, log.size(), log.toString());
        assertEquals(Map.of("sequence", 0, "kind", "ZOOM_MEETING", "outcome", "DONE", "result", joinUrl,
                "detail", "zoom-meeting " + ZoomSimulator.meetingId(host.zoomToken())), without(log.get(0), "completedAt"));
        assertTrue(log.stream().anyMatch(e -> e.get("sequence").equals(2) && e.get("kind").equals("CALENDAR_DELETE")
                && e.get("outcome").equals("DONE") && "GOOGLE".equals(e.get("detail"))), log.toString());
        UUID stranger = activeUser(db, org, "other-" + UUID.randomUUID() + "@acme.test", null, null, null);
        given().auth().oauth2(TestTokens.user(org, stranger, "member")).get("/api/v1/bookings/{id}/side-effects", b.id())
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.user(org, host.user(), "member")).get("/api/v1/bookings/{id}/side-effects", UUID.randomUUID())
                .then().statusCode(404);
    }

    private static Map<String, Object> without(Map<String, Object> entry, String key) {
        Map<String, Object> rest = new java.util.HashMap<>(entry);
        rest.remove(key);
        return rest;
    }

    @Test
    @DisplayName("MTG-06: a reassignment deletes the old host's Zoom meeting and calendar event, creates them for the new host, mails lead and both hosts, mentions the new host; once, however often delivered")
    void mtg06ReassignedMeetingMovesToTheNewHostsAccounts() throws Exception {
        UUID org = organizationWithSlack(db, "Acme");
        Host from = host(org, "microsoft");
        Host to = host(org, "google");
        Booking b = booking(org);
        TestEvents.publish(booked(b, from, START));
        awaitStep(b, 0, 5);
        assertEquals(1, ProviderSimulators.calendar().events(from.email()).size());

        MeetingReassigned handed = reassigned(b, from, to, START, 1);
        UUID eventId = TestEvents.publish(handed);
        awaitStep(b, 1, 8);
        assertEquals(1, ProviderSimulators.zoom().meetingDeletions(from.zoomToken()).size());
        assertTrue(ProviderSimulators.zoom().meetingDeletions(from.zoomToken()).get(0).getUrl()
                .startsWith("/v2/meetings/" + ZoomSimulator.meetingId(from.zoomToken())));
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(to.zoomToken()), "INT-01: in the new host's Zoom account");
        assertTrue(ProviderSimulators.calendar().events(from.email()).isEmpty(), "gone from the old host's Outlook");
        assertEquals(1, ProviderSimulators.calendar().events(to.email()).size(), "in the new host's Google calendar");
        JsonNode insert = ProviderSimulators.calendar().requests(CalendarSimulator.GOOGLE_EVENTS, to.calendarToken()).get(0);
        assertEquals(b.leadEmail(), insert.get("attendees").get(0).get("email").asText(), "the lead invited");

        Invitation update = Invitations.of(awaitMails(b.leadEmail(), 2).get(1));
        assertEquals(b.uid(), update.uid());
        assertEquals(1, update.sequence());
        assertEquals("mailto:" + to.email(), update.organizer(), "the new host organizes it");
        assertEquals(ZoomSimulator.joinUrl(to.zoomToken()), update.location());
        assertEquals(to.email(), awaitMails(b.leadEmail(), 2).get(1).getReplyTo()[0].toString());
        assertTrue(Mails.text(awaitMails(to.email(), 1).get(0)).contains("新しい商談があなたに割り当てられました"));
        String handedOver = Mails.text(awaitMails(from.email(), 2).get(1));
        assertTrue(handedOver.contains("担当は 山田 太郎 さんに変更されました"), handedOver);
        assertEquals(1, ProviderSimulators.slack().postsMentioning(to.slackId()).size());
        assertEquals(1, count(db, "select count(*) from outbox where event_type = 'kaigi.integration.meeting-conference-created.v1'"
                + " and payload->>'bookingId' = ? and payload->>'joinUrl' = ?", b.id().toString(), ZoomSimulator.joinUrl(to.zoomToken())));

        // redelivered (same id), and again under a new id: nothing more happens
        TestEvents.publish(eventId, handed);
        TestEvents.publish(handed);
        Booking marker = booking(org);
        TestEvents.publish(booked(marker, to, START.plus(2, ChronoUnit.DAYS))); // the new host's partition: after the repeats
        awaitStep(marker, 0, 5);
        assertEquals(1, ProviderSimulators.zoom().meetingDeletions(from.zoomToken()).size());
        assertEquals(2, ProviderSimulators.zoom().meetingsCreated(to.zoomToken()), "one for each booking");
        assertEquals(2, ProviderSimulators.mailsTo(b.leadEmail()).size());
        assertEquals(2, ProviderSimulators.mailsTo(from.email()).size());
    }

    @Test
    @DisplayName("MTG-06: events ordered by sequence: a meeting-booked that arrives after its reassignment is stale and creates nothing")
    void mtg06StaleBookedAfterReassignmentCreatesNothing() throws Exception {
        Handover h = handover();
        Booking b = h.booking();
        TestEvents.publish(reassigned(b, h.from(), h.to(), START, 1));
        awaitStep(b, 1, 6); // no earlier meeting to delete: the new host's Zoom and calendar, three mails, a mention
        TestEvents.publish(booked(b, h.from(), START));
        Booking marker = booking(b.org());
        TestEvents.publish(booked(marker, h.from(), START.plus(1, ChronoUnit.DAYS))); // the old host's partition: after the stale one
        awaitStep(marker, 0, 5);
        assertEquals(0, count(db, "select count(*) from side_effect where subject_id = ? and sequence = 0", b.id()));
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(h.from().zoomToken()), "only the marker's meeting");
        assertEquals(1, ProviderSimulators.zoom().meetingsCreated(h.to().zoomToken()));
        assertEquals(1, ProviderSimulators.mailsTo(b.leadEmail()).size(), "the lead has one invitation: the current one");
        assertEquals(1, Invitations.of(ProviderSimulators.mailsTo(b.leadEmail()).get(0)).sequence());
    }

    @Test
    @DisplayName("MTG-06: rescheduled to another host: the Zoom meeting is made again in the new host's account, the old one deleted; both hosts mailed")
    void mtg06RescheduleToAnotherHostRecreatesTheMeeting() throws Exception {
        Handover h = handover();
        Booking b = h.booking();
        Instant moved = START.plus(3, ChronoUnit.HOURS);
        TestEvents.publish(booked(b, h.from(), START));
        awaitStep(b, 0, 5);
        TestEvents.publish(rescheduled(b, h.from(), h.to(), START, moved, 1));
        awaitStep(b, 1, 7); // Zoom deleted and made again, no calendar, lead and both hosts mailed, a mention
        assertEquals(1, ProviderSimulators.zoom().meetingDeletions(h.from().zoomToken()).size());
        assertEquals(0, ProviderSimulators.zoom().meetingUpdates(h.from().zoomToken()).size());
        JsonNode created = JSON.readTree(ProviderSimulators.zoom().meetingRequests(h.to().zoomToken()).get(0).getBodyAsString());
        assertEquals("2030-04-01T04:00:00Z", created.get("start_time").asText());
        Invitation update = Invitations.of(awaitMails(b.leadEmail(), 2).get(1));
        assertEquals(moved, update.start());
        assertEquals("mailto:" + h.to().email(), update.organizer());
        assertTrue(Mails.text(awaitMails(h.from().email(), 2).get(1)).contains("担当は 山田 太郎 さんに変更されました"));
        assertTrue(Mails.text(awaitMails(h.to().email(), 1).get(0)).contains("新しい商談があなたに割り当てられました"));
    }

    @Test
    @DisplayName("MTG-05, MTG-06: a meeting cancelled after its host left: their Zoom meeting is deleted and the lead told; the host is told nothing more")
    void mtg06CancellationAfterTheHostLeftTellsTheLeadOnly() throws Exception {
        UUID org = organizationWithSlack(db, "Acme");
        Host host = host(org, null);
        Booking b = booking(org);
        TestEvents.publish(booked(b, host, START));
        awaitStep(b, 0, 5);
        lifecycle(db, new UserRemoved(org, host.user(), null), host.user(), "REMOVED");
        TestEvents.publish(cancelled(b, host, START, "host-unavailable", 1));
        awaitStep(b, 1, 4); // Zoom deleted, lead mailed, host's mail and Slack skipped
        assertEquals(1, ProviderSimulators.zoom().meetingDeletions(host.zoomToken()).size());
        assertEquals("CANCEL", Invitations.of(awaitMails(b.leadEmail(), 2).get(1)).method());
        assertEquals(2, count(db, "select count(*) from side_effect where subject_id = ? and sequence = 1"
                + " and kind in ('HOST_MAIL', 'SLACK_MENTION') and outcome = 'SKIPPED' and detail = 'host-gone'", b.id()));
        assertEquals(1, ProviderSimulators.mailsTo(host.email()).size(), "only the booking's mail");
        assertEquals(1, ProviderSimulators.slack().postsMentioning(host.slackId()).size(), "only the booking's mention");
    }

    @Test
    @DisplayName("MTG-06: a lead who cancels gets the cancellation (METHOD:CANCEL) without a link to book again; the host is told why")
    void mtg06LeadCancellationMailsTheCancellationWithoutARebookLink() throws Exception {
        UUID org = organizationWithSlack(db, "Acme");
        Host host = host(org, null);
        Booking b = booking(org);
        TestEvents.publish(booked(b, host, START));
        awaitStep(b, 0, 5);
        TestEvents.publish(cancelled(b, host, START, "found another vendor", 1));
        awaitStep(b, 1, 4); // Zoom deleted, lead and host mailed, Slack told
        MimeMessage cancelMail = awaitMails(b.leadEmail(), 2).get(1);
        assertEquals("CANCEL", Invitations.of(cancelMail).method());
        String text = Mails.text(cancelMail);
        assertFalse(text.contains("/book/"), "no link to book again when the lead cancelled: " + text);
        assertTrue(Mails.text(awaitMails(host.email(), 2).get(1)).contains("found another vendor"));
    }

    @Test
    @DisplayName("INT-04: the busy times published leave out the calendar events Kaigi wrote for bookings, before and after a reschedule")
    void int04BusyTimesLeaveOutKaigisOwnEvents() throws Exception {
        UUID org = organizationWithSlack(db, "Acme");
        Host host = host(org, "google");
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant other = start.plus(2, ChronoUnit.HOURS);
        ProviderSimulators.calendar().busy(host.email(), other, other.plus(1, ChronoUnit.HOURS));
        // touching the booking's event, so Google's free/busy shows one merged interval
        ProviderSimulators.calendar().busy(host.email(), start.plus(30, ChronoUnit.MINUTES), start.plus(60, ChronoUnit.MINUTES));
        Booking b = booking(org);
        TestEvents.publish(booked(b, host, start));
        awaitStep(b, 0, 5);
        assertEquals(1, ProviderSimulators.calendar().events(host.email()).size(), "the provider shows the meeting as busy");
        assertEquals(List.of(List.of(start.plus(30, ChronoUnit.MINUTES), start.plus(60, ChronoUnit.MINUTES)),
                List.of(other, other.plus(1, ChronoUnit.HOURS))), syncedBusy(host));

        Instant moved = start.plus(4, ChronoUnit.HOURS);
        TestEvents.publish(rescheduled(b, host, host, start, moved, 1));
        awaitStep(b, 1, 4);
        assertEquals(List.of(List.of(start.plus(30, ChronoUnit.MINUTES), start.plus(60, ChronoUnit.MINUTES)),
                List.of(other, other.plus(1, ChronoUnit.HOURS))), syncedBusy(host));
    }

    /** Runs the busy-time sync and returns what it published for the host, as [start, end] pairs. */
    private List<List<Instant>> syncedBusy(Host host) throws Exception {
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            busyJob.syncDue();
            ReceivedEvent synced = probe.await(EventTypes.CALENDAR_BUSY_TIMES_SYNCED, host.user().toString(), Duration.ofSeconds(30));
            List<List<Instant>> busy = new ArrayList<>();
            synced.data().get("busy").forEach(i -> busy.add(List.of(Instant.parse(i.get("start").asText()),
                    Instant.parse(i.get("end").asText()))));
            busy.sort((x, y) -> x.get(0).compareTo(y.get(0)));
            assertFalse(busy.isEmpty());
            return busy;
        }
    }
}
