package dev.kaigi.integration;

import dev.kaigi.chassis.links.ManageTokens;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.scheduling.MeetingRescheduled;
import dev.kaigi.integration.meeting.MeetingReminderSender;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.ZoomSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MTG-07: reminders mailed once each, as several instances claim them, following a moved meeting, none once cancelled. */
@QuarkusTest
class MeetingRemindersTest {

    private static final ManageTokens MANAGE = ManageTokens.withKey("dGVzdC1vbmx5LW1hbmFnZS1saW5rLXNlY3JldC0zMmJ5dGVz");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The senders racing for the same reminders, as instances of the service would. */
    private static final int INSTANCES = 4;

    @Inject
    AgroalDataSource db;
    @Inject
    MovableClock clock;
    @Inject
    MeetingReminderSender sender;

    private record Meeting(UUID org, UUID id, UUID host, String hostToken, String leadEmail) {
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private Meeting meeting() {
        UUID org = organization(db, "Acme");
        String email = "host-" + UUID.randomUUID() + "@acme.test";
        UUID host = activeUser(db, org, email, null, null, null);
        linkZoom(org, host, "zoom-" + host, email, "zoom-access-" + host, "zoom-refresh-" + host);
        return new Meeting(org, UUID.randomUUID(), host, "zoom-access-" + host, "lead-" + UUID.randomUUID() + "@customer.test");
    }

    private static MeetingBooked booked(Meeting m, Instant start, List<Integer> reminders) {
        return new MeetingBooked(m.org(), m.id(), UUID.randomUUID(), "Product demo", m.host(), start,
                start.plus(30, ChronoUnit.MINUTES), "Asia/Tokyo", ConferencingMethod.ZOOM, "Lead Person", m.leadEmail(),
                null, "en", "Europe/London", MeetingCalendar.uid(m.id()), 0, reminders);
    }

    private static MeetingRescheduled rescheduled(Meeting m, Instant from, Instant to, List<Integer> reminders) {
        return new MeetingRescheduled(m.org(), m.id(), UUID.randomUUID(), "Product demo", ConferencingMethod.ZOOM, from,
                from.plus(30, ChronoUnit.MINUTES), m.host(), to, to.plus(30, ChronoUnit.MINUTES), m.host(), "Asia/Tokyo",
                "Lead Person", m.leadEmail(), null, "en", "Europe/London", MeetingCalendar.uid(m.id()), 1, MeetingActor.LEAD,
                null, reminders);
    }

    private static MeetingCancelled cancelled(Meeting m, Instant start) {
        return new MeetingCancelled(m.org(), m.id(), m.host(), "Product demo", ConferencingMethod.ZOOM, start,
                start.plus(30, ChronoUnit.MINUTES), "Asia/Tokyo", "Lead Person", m.leadEmail(), null, "en", null,
                UUID.randomUUID(), "Europe/London", MeetingCalendar.uid(m.id()), 2, MeetingActor.LEAD);
    }

    /** Waits until the step's transaction, which plans the reminders, has committed. */
    private void awaitApplied(Meeting m, int sequence) {
        Await.until("step " + sequence + " of " + m.id(), () -> count(db,
                "select count(*) from booking_sequence where booking_id = ? and sequence = ?", m.id(), sequence) == 1, WAIT);
    }

    private List<String> reminders(Meeting m) {
        return ProviderSimulators.mailsTo(m.leadEmail()).stream().map(MeetingRemindersTest::subject)
                .filter(s -> s.contains("Reminder")).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every instance looks for due reminders at once, as often as {@code rounds}. */
    private void instancesRace(int rounds) throws Exception {
        CyclicBarrier together = new CyclicBarrier(INSTANCES);
        List<CompletableFuture<Void>> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(CompletableFuture.runAsync(() -> {
                for (int round = 0; round < rounds; round++) {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    sender.sendDue();
                }
            }));
        }
        CompletableFuture.allOf(instances.toArray(CompletableFuture[]::new)).get();
    }

    private String outcome(Meeting m, int minutesBefore) throws Exception {
        try (var c = db.getConnection(); var st = c.prepareStatement(
                "select coalesce(outcome, 'PLANNED') from meeting_reminder where booking_id = ? and minutes_before = ?"
                        + " order by starts_at desc limit 1")) {
            st.setObject(1, m.id());
            st.setInt(2, minutesBefore);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "NONE";
            }
        }
    }

    @Test
    @DisplayName("MTG-07: 24 h and 1 h reminders, each mailed once by racing instances; after a reschedule they follow the new "
            + "time; a cancellation drops the one not sent")
    void mtg07RemindersOnceFollowTheMeetingAndStopWhenCancelled() throws Exception {
        Meeting m = meeting();
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        TestEvents.publish(booked(m, start, List.of(60, 1440)));
        awaitApplied(m, 0);
        assertEquals("PLANNED", outcome(m, 1440));
        instancesRace(3);
        assertEquals(List.of(), reminders(m), "nothing is due yet");

        clock.set(start.minus(1440, ChronoUnit.MINUTES).plusSeconds(1));
        instancesRace(5);
        Await.until("the day-before reminder", () -> reminders(m).size() == 1, WAIT);
        Thread.sleep(1_500); // the scheduled rounds of the service have had their chance too
        assertEquals(1, reminders(m).size(), "one mail, however many instances looked");
        assertEquals("SENT", outcome(m, 1440));
        assertEquals("PLANNED", outcome(m, 60));
        MimeMessage reminder = ProviderSimulators.mailsTo(m.leadEmail()).stream()
                .filter(mail -> subject(mail).contains("Reminder")).findFirst().orElseThrow();
        String text = Mails.text(reminder);
        assertTrue(text.contains("https://app.kaigi.test/bookings/" + MANAGE.tokenOf(m.id())), text);
        assertTrue(text.contains(ZoomSimulator.joinUrl(m.hostToken())), text);
        assertTrue(text.contains("(Europe/London)"), "in the lead's zone: " + text);
        assertTrue(text.contains("Contact: " + Fixtures.CONTACT), "USR-08, the host's contact: " + text);

        Instant later = start.plus(2, ChronoUnit.DAYS);
        TestEvents.publish(rescheduled(m, start, later, List.of(60, 1440)));
        awaitApplied(m, 1);
        assertEquals("PLANNED", outcome(m, 1440), "the day before the new time is still to come");
        instancesRace(3);
        assertEquals(1, reminders(m).size());

        clock.set(later.minus(1440, ChronoUnit.MINUTES).plusSeconds(1));
        instancesRace(5);
        Await.until("the day-before reminder of the new time", () -> reminders(m).size() == 2, WAIT);

        TestEvents.publish(cancelled(m, later));
        awaitApplied(m, 2);
        clock.set(later.minus(59, ChronoUnit.MINUTES));
        instancesRace(3);
        Thread.sleep(1_500);
        assertEquals(2, reminders(m).size(), "no reminder of a cancelled meeting");
        assertEquals("NONE", outcome(m, 60));
        List<String> log = given().auth().oauth2(TestTokens.user(m.org(), m.host(), "member"))
                .get("/api/v1/bookings/{id}/side-effects", m.id()).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.kind == 'REMINDER_MAIL' }.collect { it.sequence + ' ' + it.outcome + ' ' + it.detail }");
        assertEquals(List.of("0 DONE 1440 minutes before", "1 DONE 1440 minutes before"), log);
    }

    @Test
    @DisplayName("MTG-07: a reminder due before the meeting was booked is skipped, not sent late; one whose meeting has begun is not sent")
    void mtg07NoLateReminders() throws Exception {
        Meeting m = meeting();
        Instant start = Instant.now().plus(90, ChronoUnit.MINUTES);
        TestEvents.publish(booked(m, start, List.of(1440, 60)));
        awaitApplied(m, 0);
        assertEquals("SKIPPED", outcome(m, 1440));
        assertEquals("PLANNED", outcome(m, 60));

        clock.set(start.plus(1, ChronoUnit.MINUTES)); // the service was away through the hour before the meeting
        instancesRace(2);
        assertEquals("SKIPPED", outcome(m, 60));
        assertEquals(List.of(), reminders(m));
    }
}
