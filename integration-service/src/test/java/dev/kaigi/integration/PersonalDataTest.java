package dev.kaigi.integration;

import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.integration.mailoption.backup.MailboxBackupWorker;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEC-04: the internal personal-data API user-service gathers an export from, and a lead's erasure. */
@QuarkusTest
class PersonalDataTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;
    @Inject
    MailboxBackupWorker worker;

    private static RequestSpecification service() {
        return given().auth().oauth2(TestTokens.service("user-service")).contentType(ContentType.JSON);
    }

    private static String userPath(UUID org, UUID user) {
        return InternalPaths.USER_PERSONAL_DATA.replace("{orgId}", org.toString()).replace("{userId}", user.toString());
    }

    private static String leadPath(UUID org) {
        return InternalPaths.LEAD_PERSONAL_DATA.replace("{orgId}", org.toString());
    }

    private static String lead(String email) {
        return "{\"email\":\"" + email + "\"}";
    }

    /** The organization with its mailbox backed up: messages with the lead, the other lead and a colleague. */
    private MailboxOrg backedUp() throws Exception {
        MailboxOrg org = MailboxOrg.create(db);
        Mailboxes.append(org.mailbox(), "INBOX", List.of(
                Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "Re: quote", "works for us"),
                Mailboxes.message(org.otherLead(), List.of(org.mailbox()), List.of(), "Question", "one more"),
                Mailboxes.message(org.email("colleague"), List.of(org.mailbox()), List.of(), "Lunch?", "internal")));
        org.deactivate(db);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);
        String backup = org.startBackup("backup");
        worker.runDue();
        assertEquals("COMPLETED", MailboxOrg.status(db, backup));
        assertEquals(2, org.stored(db));
        return org;
    }

    private static MeetingBooked booking(MailboxOrg org, String leadEmail, List<Integer> reminders) {
        return new MeetingBooked(org.id(), UUID.randomUUID(), UUID.randomUUID(), "Demo", org.host(),
                Instant.parse("2030-05-01T01:00:00Z"), Instant.parse("2030-05-01T01:30:00Z"), "Asia/Tokyo",
                ConferencingMethod.PHONE, "Jiro Lead", leadEmail, "Lead Corp", "en", null, null, 0, reminders);
    }

    /** Until the booking's event is applied: its copy commits with the event, after the mail's record. */
    private void awaitApplied(UUID bookingId) {
        Await.until("the booking " + bookingId + " applied", () -> count(db,
                "select count(*) from booking_sequence where booking_id = ?", bookingId) == 1
                && count(db, "select count(*) from side_effect where subject_id = ? and kind = 'LEAD_MAIL'", bookingId) == 1, WAIT);
    }

    private String text(String sql, Object... args) throws Exception {
        try (var c = db.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private long erasures(UUID erasureId) throws Exception {
        return count(db, "select count(*) from lead_erasure where erasure_id = ?", erasureId);
    }

    @Test
    @DisplayName("SEC-04: a user's and a lead's data for user-service only (401 without a token, 403 for a user's): profile, Zoom account and mail option without tokens or IMAP password, backups, the lead's meetings, mails and messages; an unknown user has empty sections; a malformed email is 400")
    void sec04ExportsForTheServiceOnly() throws Exception {
        MailboxOrg org = backedUp();
        String access = "zoom-access-" + UUID.randomUUID();
        String refresh = "zoom-refresh-" + UUID.randomUUID();
        Fixtures.linkZoom(org.id(), org.host(), "zu-" + UUID.randomUUID(), "host-zoom@acme.test", access, refresh);

        given().auth().oauth2(org.token(org.host(), "member")).contentType(ContentType.JSON)
                .body("{\"meetingTypeId\":null,\"channel\":\"MAIL\"}")
                .post("/api/v1/users/" + org.host() + "/notification-subscriptions").then().statusCode(201);

        String host = service().get(userPath(org.id(), org.host())).then().statusCode(200)
                .body("notificationSubscriptions.channel", equalTo(java.util.List.of("MAIL")))
                .body("salesforceOwnershipTransfers.size()", equalTo(0))
                .body("profile.email", equalTo(org.email("host"))).body("profile.status", equalTo("ACTIVE"))
                .body("zoomConnection.zoomEmail", equalTo("host-zoom@acme.test"))
                .body("meetingSideEffects.items.kind", hasItem("LEAD_MAIL"))
                .body("meetingSideEffects.limit", equalTo(10_000)).body("meetingSideEffects.truncated", equalTo(false))
                .body("auditEntries.items.action", hasItem("CONNECTION_LINKED"))
                .extract().asString();
        assertFalse(host.contains(access) || host.contains(refresh), "no Zoom token: " + host);

        String mailbox = service().get(userPath(org.id(), org.mailboxUser())).then().statusCode(200)
                .body("mailOption.mailboxEmail", equalTo(org.mailbox())).body("mailOption.imapUsername", equalTo(org.mailbox()))
                .body("mailboxBackups.items[0].status", equalTo("COMPLETED"))
                .body("backedUpMessages.items.size()", equalTo(2))
                .extract().asString();
        assertFalse(mailbox.contains(Mailboxes.PASSWORD), "no IMAP password: " + mailbox);
        assertFalse(mailbox.contains("works for us"), "headers only, not the message: " + mailbox);

        service().body(lead(org.lead().toUpperCase())).post(leadPath(org.id())).then().statusCode(200)
                .body("meetings.items.size()", equalTo(1)).body("meetings.items[0].hostUserId", equalTo(org.host().toString()))
                .body("mailsSent.items.size()", equalTo(1))
                .body("backedUpMessages.items.size()", equalTo(1)).body("backedUpMessages.items[0].subject", equalTo("Re: quote"))
                .body("erasures.size()", equalTo(0));

        service().get(userPath(org.id(), UUID.randomUUID())).then().statusCode(200).body("profile", nullValue())
                .body("zoomConnection", nullValue()).body("mailOption", nullValue())
                .body("backedUpMessages.items.size()", equalTo(0)).body("auditEntries.items.size()", equalTo(0));
        service().body(lead("not-an-address")).post(leadPath(org.id())).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("email"));
        given().auth().oauth2(org.token(org.owner(), "owner")).get(userPath(org.id(), org.host())).then().statusCode(403);
        given().auth().oauth2(org.token(org.owner(), "owner")).contentType(ContentType.JSON).body(lead(org.lead()))
                .post(leadPath(org.id())).then().statusCode(403);
        given().get(userPath(org.id(), org.host())).then().statusCode(401);
        given().contentType(ContentType.JSON).body(lead(org.lead())).post(leadPath(org.id())).then().statusCode(401);
    }

    @Test
    @DisplayName("SEC-04: lead-erased makes the meeting copies, reminders and mail records forget the lead and deletes the backed-up messages exchanged with them; another lead is kept; audited once as the OWNER, without the email")
    void sec04ErasureForgetsTheLeadEverywhere() throws Exception {
        MailboxOrg org = backedUp();
        MeetingBooked reminded = booking(org, org.lead(), List.of(60));
        TestEvents.publish(reminded);
        awaitApplied(reminded.bookingId());
        assertEquals(1, count(db, "select count(*) from meeting_reminder where booking_id = ? and outcome is null", reminded.bookingId()));

        UUID owner = UUID.randomUUID();
        LeadErased erased = new LeadErased(org.id(), UUID.randomUUID(), LeadErased.hashOf(org.lead()), Instant.now(), owner);
        TestEvents.publish(erased);
        Await.until("the erasure applied", () -> erasures(erased.erasureId()) == 1, WAIT);

        assertEquals(0, count(db, "select count(*) from booking_sequence where org_id = ? and lead_email = lower(?)", org.id(), org.lead()));
        assertEquals(1, count(db, "select count(*) from booking_sequence where org_id = ? and lead_email = ?", org.id(), org.otherLead()));
        assertEquals(1, count(db, """
                select count(*) from meeting_reminder where booking_id = ? and outcome = 'SKIPPED' and detail = 'lead-erased'
                  and meeting -> 'meeting' ->> 'leadEmail' = 'erased' and meeting -> 'meeting' ->> 'leadName' = 'erased'
                  and meeting -> 'meeting' ->> 'leadCompany' is null and starts_at = '2030-05-01T01:00:00Z'""", reminded.bookingId()));
        assertEquals(0, count(db, "select count(*) from meeting_reminder where org_id = ? and lower(meeting::text) like lower(?)",
                org.id(), "%" + org.lead() + "%"));
        assertEquals(1, org.stored(db), "the other lead's message stays");
        assertEquals(0, count(db, "select count(*) from backed_up_message where org_id = ? and lower(from_address) = lower(?)",
                org.id(), org.lead()));
        assertEquals(2, count(db, "select count(*) from side_effect where subject_id = ? and kind in ('LEAD_MAIL', 'HOST_MAIL')",
                reminded.bookingId()), "what was done stays recorded");
        service().body(lead(org.lead())).post(leadPath(org.id())).then().statusCode(200)
                .body("meetings.items.size()", equalTo(0)).body("backedUpMessages.items.size()", equalTo(0))
                .body("erasures[0].erasureId", equalTo(erased.erasureId().toString()));
        assertEquals(1, count(db, """
                select count(*) from audit_trail where org_id = ? and action = 'LEAD_ERASED' and actor_user_id = ?
                  and target_id = ? and (after ->> 'backedUpMessages')::int = 1 and (after ->> 'meetingCopies')::int = 2""",
                org.id(), owner, erased.erasureId()));
        assertEquals(0, count(db, "select count(*) from audit_trail where org_id = ? and lower(after::text) like lower(?)",
                org.id(), "%" + org.lead() + "%"));

        // cancelled after the erasure by a scheduling-service that had not read it yet: the booking is still the erased one's
        int mails = ProviderSimulators.mailsTo(org.lead()).size();
        TestEvents.publish(new MeetingCancelled(org.id(), reminded.bookingId(), org.host(), "Demo", ConferencingMethod.PHONE,
                reminded.startsAt(), reminded.endsAt(), "Asia/Tokyo", "Jiro Lead", org.lead(), "Lead Corp", "en",
                "Jiro's boss said no", reminded.meetingTypeId(), null, null, 1, MeetingActor.HOST));
        Await.until("the cancellation applied", () -> count(db,
                "select count(*) from booking_sequence where booking_id = ? and sequence = 1", reminded.bookingId()) == 1, WAIT);
        assertEquals(1, count(db, "select count(*) from booking_sequence where booking_id = ? and lead_email is null",
                reminded.bookingId()));
        assertEquals(1, count(db, "select count(*) from side_effect where subject_id = ? and sequence = 1 and kind = 'LEAD_MAIL'"
                + " and outcome = 'SKIPPED' and detail = 'lead-erased'", reminded.bookingId()));
        assertEquals(mails, ProviderSimulators.mailsTo(org.lead()).size(), "no mail to the erased lead");
    }

    @Test
    @DisplayName("SEC-04: a backup halfway when the lead is erased loses what it copied of theirs and copies no more of it; the other lead's messages are all copied")
    void sec04BackupRunningThroughTheErasure() throws Exception {
        MailboxOrg org = MailboxOrg.create(db);
        List<jakarta.mail.internet.MimeMessage> inbox = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            inbox.add(Mailboxes.message(i % 4 == 3 ? org.otherLead() : org.lead(), List.of(org.mailbox()), List.of(), "Mail " + i, "m" + i));
        }
        Mailboxes.append(org.mailbox(), "INBOX", inbox);
        org.deactivate(db);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);
        String backup = org.startBackup("backup");
        worker.runDue(2); // two batches, then the instance "dies" holding the backup
        assertTrue(count(db, "select count(*) from backed_up_message where mailbox_user_id = ? and lower(from_address) = lower(?)",
                org.mailboxUser(), org.lead()) > 0, "some of the lead's messages copied before the erasure");

        LeadErased erased = new LeadErased(org.id(), UUID.randomUUID(), LeadErased.hashOf(org.lead()), Instant.now(), UUID.randomUUID());
        TestEvents.publish(erased);
        Await.until("the erasure applied", () -> erasures(erased.erasureId()) == 1, WAIT);
        Await.until("the backup taken over and completed", () -> {
            worker.runDue();
            return "COMPLETED".equals(MailboxOrg.status(db, backup));
        }, WAIT);
        assertEquals(0, count(db, "select count(*) from backed_up_message where mailbox_user_id = ? and lower(from_address) = lower(?)",
                org.mailboxUser(), org.lead()));
        assertEquals(3, count(db, "select count(*) from backed_up_message where mailbox_user_id = ? and from_address = ?",
                org.mailboxUser(), org.otherLead()));
    }

    @Test
    @DisplayName("SEC-04: after the erasure, an old meeting-booked read again stores the erased form and mails no one; a booking made after it is a new consent, kept when the erasure is redelivered or replayed with a new id; audited once")
    void sec04ReplayKeepsTheLeadErased() throws Exception {
        MailboxOrg org = MailboxOrg.create(db);
        UUID owner = UUID.randomUUID();
        Instant before = Instant.now();
        LeadErased erased = new LeadErased(org.id(), UUID.randomUUID(), LeadErased.hashOf(org.lead()), Instant.now(), owner);
        UUID eventId = TestEvents.publish(erased);
        Await.until("the erasure applied", () -> erasures(erased.erasureId()) == 1, WAIT);
        int mailsBefore = ProviderSimulators.mailsTo(org.lead()).size();

        MeetingBooked old = booking(org, org.lead(), List.of(60));
        TestEvents.publish(UUID.randomUUID(), before, old); // written before the erasure, read only now
        awaitApplied(old.bookingId());
        assertEquals("SKIPPED lead-erased", text("select outcome || ' ' || coalesce(detail, '') from side_effect"
                + " where subject_id = ? and kind = 'LEAD_MAIL'", old.bookingId()));
        assertEquals(1, count(db, "select count(*) from booking_sequence where booking_id = ? and lead_email is null", old.bookingId()));
        assertEquals(0, count(db, "select count(*) from meeting_reminder where booking_id = ? and outcome is null", old.bookingId()));
        assertEquals(mailsBefore, ProviderSimulators.mailsTo(org.lead()).size(), "no mail to the erased lead");

        MeetingBooked fresh = booking(org, org.lead(), null);
        TestEvents.publish(fresh); // booked after the erasure: a new consent
        awaitApplied(fresh.bookingId());
        assertEquals(1, count(db, "select count(*) from booking_sequence where booking_id = ? and lead_email = lower(?)",
                fresh.bookingId(), org.lead()));
        assertTrue(ProviderSimulators.mailsTo(org.lead()).size() > mailsBefore, "the new booking's lead is mailed");

        TestEvents.publish(eventId, erased); // redelivered
        TestEvents.publish(erased); // replayed with a new id
        LeadErased later = new LeadErased(org.id(), UUID.randomUUID(), LeadErased.hashOf("marker-" + UUID.randomUUID() + "@x.test"),
                Instant.now(), owner);
        TestEvents.publish(later); // same partition, after the replays: once it is applied, they were too
        Await.until("the replays read", () -> erasures(later.erasureId()) == 1, WAIT);
        assertEquals(1, count(db, "select count(*) from booking_sequence where booking_id = ? and lead_email = lower(?)",
                fresh.bookingId(), org.lead()));
        assertEquals(1, count(db, "select count(*) from audit_trail where org_id = ? and action = 'LEAD_ERASED' and target_id = ?",
                org.id(), erased.erasureId()));
    }
}
