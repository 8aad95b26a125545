package dev.kaigi.integration;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.integration.mailoption.backup.MailboxBackupWorker;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static dev.kaigi.integration.Fixtures.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT-11: mailbox backups copy the mail exchanged with the organization's leads over IMAP (GreenMail), and who reads it. */
@QuarkusTest
class MailboxBackupTest {

    private static final String USERS = "/api/v1/mail-option-users";
    private static final String MESSAGES = "/api/v1/backed-up-messages";

    @Inject
    AgroalDataSource db;
    @Inject
    MailboxBackupWorker worker;

    private MailboxOrg org() throws Exception {
        return MailboxOrg.create(db);
    }

    private void deactivate(MailboxOrg org) {
        org.deactivate(db);
    }

    private String startBackup(MailboxOrg org, String kind) {
        return org.startBackup(kind);
    }

    private String status(String backupId) throws Exception {
        return MailboxOrg.status(db, backupId);
    }

    private long stored(MailboxOrg org) throws Exception {
        return org.stored(db);
    }

    @Test
    @DisplayName("INT-11: a backup copies over IMAP only the messages exchanged with the organization's leads, each once, gzip-compressed with its headers; then COMPLETED with mailbox-backup-completed")
    void copiesTheLeadsMessagesOnce() throws Exception {
        MailboxOrg org = org();
        MimeMessage fromLead = Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "Re: 見積もり",
                "Thank you, the quote works for us. ".repeat(50));
        Mailboxes.append(org.mailbox(), "INBOX", List.of(
                fromLead,
                Mailboxes.message(org.email("colleague"), List.of(org.mailbox()), List.of(org.lead()), "Cc to the lead", "fyi"),
                Mailboxes.message("news@letters.test", List.of(org.mailbox()), List.of(), "Newsletter", "unrelated"),
                Mailboxes.message(org.email("colleague"), List.of(org.mailbox()), List.of(), "Lunch?", "internal")));
        Mailboxes.append(org.mailbox(), "Sent", List.of(
                Mailboxes.message(org.mailbox(), List.of(org.otherLead().toUpperCase()), List.of(), "Proposal", "attached")));
        Mailboxes.append(org.mailbox(), "Archive", List.of(fromLead)); // the same message (Message-ID) in a second folder
        deactivate(org);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);

        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            String backup = startBackup(org, "backup");
            worker.runDue();
            assertEquals("COMPLETED", status(backup));
            ReceivedEvent completed = probe.await(EventTypes.MAILBOX_BACKUP_COMPLETED, org.mailboxUser().toString(),
                    Duration.ofSeconds(30));
            assertEquals(backup, completed.data().get("backupId").asText());
        }
        assertEquals(3, stored(org), "the lead's message (once for two folders), the Cc to the lead, the mail to the other lead");
        given().auth().oauth2(org.token(org.owner(), "owner")).get(USERS + "/{id}/backups", org.mailboxUser()).then()
                .body("[0].status", equalTo("COMPLETED")).body("[0].messagesCopied", equalTo(3));

        // stored compressed, the raw bytes intact
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select raw_gzip, size_bytes, subject, from_address, array_to_string(lead_emails, ',') from backed_up_message"
                        + " where mailbox_user_id = ? and message_id = ?")) {
            ps.setObject(1, org.mailboxUser());
            ps.setString(2, fromLead.getMessageID());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                byte[] gzipped = rs.getBytes(1);
                byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
                assertEquals(raw.length, rs.getInt(2));
                assertTrue(gzipped.length < raw.length / 3, "compressed: " + gzipped.length + " of " + raw.length);
                assertTrue(new String(raw, StandardCharsets.US_ASCII).contains(fromLead.getMessageID()));
                assertEquals("Re: 見積もり", rs.getString(3));
                assertEquals(org.lead(), rs.getString(4));
                assertEquals(org.lead(), rs.getString(5));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    @DisplayName("INT-11: a backup stopped dead halfway goes on after its last batch once its lease ran out: no duplicates, then COMPLETED; a latest backup copies nothing again")
    void resumesWithoutDuplicates() throws Exception {
        MailboxOrg org = org();
        List<MimeMessage> inbox = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            inbox.add(i % 3 == 2
                    ? Mailboxes.message("someone-" + i + "@else.test", List.of(org.mailbox()), List.of(), "Other " + i, "x")
                    : Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "Lead " + i, "message " + i));
        }
        Mailboxes.append(org.mailbox(), "INBOX", inbox);
        deactivate(org);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);
        String backup = startBackup(org, "backup");

        worker.runDue(2); // two batches of three, then the instance "dies" holding the backup
        assertEquals("IN_PROGRESS", status(backup));
        assertEquals(4, stored(org), "two batches of three messages, one in three not the lead's");
        assertEquals(1, count(db, "select count(*) from mailbox_backup_folder where backup_id = ? and folder = 'INBOX'"
                + " and not done", UUID.fromString(backup)));
        given().auth().oauth2(org.token(org.owner(), "owner")).queryParam("mailboxUserId", org.mailboxUser())
                .get(MESSAGES).then().statusCode(200).body("totalItems", equalTo(0)); // not before COMPLETED

        worker.runDue(); // the lease still holds: nobody takes it over yet
        assertEquals("IN_PROGRESS", status(backup));
        Await.until("the backup taken over and completed", () -> {
            worker.runDue();
            return "COMPLETED".equals(status(backup));
        }, Duration.ofSeconds(30));
        assertEquals(10, stored(org));
        assertEquals(10, count(db, "select count(distinct message_id) from backed_up_message where mailbox_user_id = ?",
                org.mailboxUser()));
        assertEquals(10, count(db, "select messages_copied from mailbox_backup where id = ?", UUID.fromString(backup)));

        String latest = startBackup(org, "latest-backup");
        worker.runDue();
        assertEquals("COMPLETED", status(latest));
        assertEquals(10, stored(org));
        assertEquals(0, count(db, "select messages_copied from mailbox_backup where id = ?", UUID.fromString(latest)));
        given().auth().oauth2(org.token(org.owner(), "owner")).queryParam("mailboxUserId", org.mailboxUser())
                .queryParam("size", 4).queryParam("page", 2)
                .get(MESSAGES).then().statusCode(200).body("totalItems", equalTo(10)).body("totalPages", equalTo(3))
                .body("items.size()", equalTo(2));
    }

    @Test
    @DisplayName("INT-11: a folder whose UIDVALIDITY changed while its backup was stopped is read again from the start: the renumbered new mail is copied, the old not twice")
    void changedUidValidityReadsTheFolderAgain() throws Exception {
        MailboxOrg org = org();
        List<MimeMessage> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "First " + i, "message " + i));
        }
        Mailboxes.append(org.mailbox(), "Projects", first);
        deactivate(org);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);
        String backup = startBackup(org, "backup");
        UUID id = UUID.fromString(backup);

        worker.runDue(2); // the empty INBOX, then the first batch of Projects (UIDs 1 to 3); the instance "dies"
        assertEquals(3, stored(org));
        long validity = count(db, "select uid_validity from mailbox_backup_folder where backup_id = ? and folder = 'Projects'", id);
        assertEquals(3, count(db, "select last_uid from mailbox_backup_folder where backup_id = ? and folder = 'Projects'", id));

        Thread.sleep(1_100); // into the next second: a new UIDVALIDITY
        // renumbered: three new messages take UIDs 1 to 3, at or below the progress kept; the first six follow
        List<MimeMessage> renumbered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            renumbered.add(Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "Second " + i, "again " + i));
        }
        renumbered.addAll(first);
        Mailboxes.recreate(org.mailbox(), "Projects", renumbered);

        Await.until("the backup taken over and completed", () -> {
            worker.runDue();
            return "COMPLETED".equals(status(backup));
        }, Duration.ofSeconds(30));
        assertTrue(count(db, "select uid_validity from mailbox_backup_folder where backup_id = ? and folder = 'Projects'", id)
                != validity, "the folder's new UIDVALIDITY kept");
        assertEquals(9, stored(org), "the six first messages once, and the three that came with the new numbering");
        assertEquals(3, count(db, "select count(*) from backed_up_message where mailbox_user_id = ? and subject like 'Second %'",
                org.mailboxUser()));
        assertEquals(9, count(db, "select messages_copied from mailbox_backup where id = ?", id));
    }

    @Test
    @DisplayName("INT-11: a refused IMAP login makes the backup FAILED with a reason in English and Japanese, nothing copied; a new backup may start")
    void wrongPasswordFails() throws Exception {
        MailboxOrg org = org();
        Mailboxes.append(org.mailbox(), "INBOX", List.of(
                Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "Hello", "hi")));
        deactivate(org);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), "wrong-password").statusCode(200);
        String backup = startBackup(org, "backup");
        worker.runDue();
        assertEquals("FAILED", status(backup));
        assertEquals(0, stored(org));
        given().auth().oauth2(org.token(org.owner(), "owner")).get(USERS + "/{id}/backups", org.mailboxUser()).then()
                .body("[0].status", equalTo("FAILED")).body("[0].failureReason", equalTo("imap-login-failed"))
                .body("[0].failureMessage", containsString("refused the login")).body("[0].failedAt", notNullValue())
                .body("[0].completedAt", equalTo(null));
        given().auth().oauth2(org.token(org.owner(), "owner")).header("Accept-Language", "ja")
                .get(USERS + "/{id}/backups", org.mailboxUser()).then()
                .body("[0].failureMessage", containsString("ログインを拒否"));
        given().auth().oauth2(org.token(org.owner(), "owner")).get(USERS + "/{id}", org.mailboxUser()).then()
                .body("backupStatus", equalTo("FAILED"));

        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);
        String again = startBackup(org, "backup");
        worker.runDue();
        assertEquals("COMPLETED", status(again));
        assertEquals(1, stored(org));
    }

    @Test
    @DisplayName("INT-11: an unreachable IMAP server is tried again after growing waits, keeping the backup IN_PROGRESS, then FAILED imap-unreachable")
    void unreachableServerIsRetriedThenFails() throws Exception {
        MailboxOrg org = org();
        deactivate(org);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        given().auth().oauth2(org.token(org.owner(), "owner")).contentType("application/json")
                .body("{\"host\":\"127.0.0.1\",\"port\":" + closedPort + ",\"security\":\"NONE\",\"username\":\"x\",\"password\":\"y\"}")
                .put(USERS + "/{id}/imap-connection", org.mailboxUser()).then().statusCode(200);
        String backup = startBackup(org, "backup");
        worker.runDue();
        assertEquals("IN_PROGRESS", status(backup));
        given().auth().oauth2(org.token(org.owner(), "owner")).get(USERS + "/{id}/backups", org.mailboxUser()).then()
                .body("[0].attempts", equalTo(1)).body("[0].retryReason", equalTo("imap-unreachable"))
                .body("[0].retryMessage", containsString("could not be reached")).body("[0].nextAttemptAt", notNullValue());
        Await.until("failed after three attempts", () -> {
            worker.runDue();
            return "FAILED".equals(status(backup));
        }, Duration.ofSeconds(30));
        given().auth().oauth2(org.token(org.owner(), "owner")).get(USERS + "/{id}/backups", org.mailboxUser()).then()
                .body("[0].attempts", equalTo(3)).body("[0].failureReason", equalTo("imap-unreachable"));
    }

    @Test
    @DisplayName("INT-11: the host of a lead's meeting and OWNERs list and read its messages (text, .eml); a MEMBER not related and another organization get nothing and 404")
    void relatedUsersReadTheMessages() throws Exception {
        MailboxOrg org = org();
        MimeMessage fromLead = Mailboxes.message(org.lead(), List.of(org.mailbox()), List.of(), "Question", "Can we meet on Friday?");
        Mailboxes.append(org.mailbox(), "INBOX", List.of(fromLead,
                Mailboxes.message(org.mailbox(), List.of(org.otherLead()), List.of(), "Offer", "Our offer")));
        deactivate(org);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);
        startBackup(org, "backup");
        worker.runDue();

        String host = org.token(org.host(), "member");
        String id = given().auth().oauth2(host).get(MESSAGES).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].subject", equalTo("Question"))
                .body("items[0].from", equalTo(org.lead())).body("items[0].to", contains(org.mailbox()))
                .body("items[0].leads", contains(org.lead())).body("items[0].mailboxUserId", equalTo(org.mailboxUser().toString()))
                .extract().path("items[0].id");
        given().auth().oauth2(host).get(MESSAGES + "/{id}", id).then().statusCode(200)
                .body("headers.messageId", equalTo(fromLead.getMessageID()))
                .body("text", containsString("Can we meet on Friday?")).body("attachments.size()", equalTo(0));
        String eml = given().auth().oauth2(host).get(MESSAGES + "/{id}/raw", id).then().statusCode(200)
                .contentType("message/rfc822").header("Content-Disposition", containsString(id + ".eml"))
                .extract().asString();
        assertTrue(eml.contains("Subject: Question"));

        String owner = org.token(org.owner(), "owner");
        given().auth().oauth2(owner).get(MESSAGES).then().statusCode(200).body("totalItems", equalTo(2))
                .body("items.subject", containsInAnyOrder("Question", "Offer"));
        given().auth().oauth2(owner).queryParam("lead", org.otherLead()).get(MESSAGES).then()
                .body("items.subject", contains("Offer"));
        String offer = given().auth().oauth2(owner).queryParam("lead", org.otherLead()).get(MESSAGES).then()
                .extract().path("items[0].id");
        given().auth().oauth2(host).get(MESSAGES + "/{id}", offer).then().statusCode(404); // not their lead

        String member = org.token(org.member(), "member");
        given().auth().oauth2(member).get(MESSAGES).then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(member).get(MESSAGES + "/{id}", id).then().statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(member).get(MESSAGES + "/{id}/raw", id).then().statusCode(404);
        given().auth().oauth2(org.token(org.member(), "manager")).get(MESSAGES + "/{id}", id).then().statusCode(404);

        MailboxOrg other = org();
        String foreign = other.token(other.owner(), "owner");
        given().auth().oauth2(foreign).get(MESSAGES).then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(foreign).get(MESSAGES + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(foreign).get(MESSAGES + "/{id}/raw", id).then().statusCode(404);
        given().auth().oauth2(owner).queryParam("lead", "not-an-email").get(MESSAGES).then().statusCode(400);
    }

    @Test
    @DisplayName("INT-11: the IMAP login is stored encrypted and never shown; host and TLS rules, the lock (INT-08); no backup without it, INT-07 refusals first")
    void imapLoginRules() throws Exception {
        MailboxOrg org = org();
        String owner = org.token(org.owner(), "owner");
        String self = org.token(org.mailboxUser(), "member");
        Mailboxes.save(self, org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200)
                .body("imap.host", equalTo("127.0.0.1")).body("imap.security", equalTo("NONE"))
                .body("imap.username", equalTo(org.mailbox())).body("imap", not(hasKey("password")));
        assertEquals(1, count(db, "select count(*) from mail_option_setting where user_id = ? and imap_password_enc is not null"
                + " and position(convert_to(?, 'UTF8') in imap_password_enc) = 0", org.mailboxUser(), Mailboxes.PASSWORD));
        assertEquals(1, count(db, "select count(*) from audit_trail where target_user_id = ? and after::text like ?"
                + " and coalesce(before::text, '') || after::text not like ?", org.mailboxUser(), "%\"imapPassword\": \"changed\"%",
                "%" + Mailboxes.PASSWORD + "%"));

        given().auth().oauth2(self).contentType("application/json")
                .body("{\"host\":\"10.0.0.7\",\"port\":993,\"security\":\"SSL\",\"username\":\"u\",\"password\":\"p\"}")
                .put(USERS + "/{id}/imap-connection", org.mailboxUser()).then().statusCode(400)
                .body("errors[0].field", equalTo("host"));
        given().auth().oauth2(self).contentType("application/json")
                .body("{\"host\":\"127.0.0.1\",\"port\":70000,\"security\":\"SSL\",\"username\":\"u\",\"password\":\"p\"}")
                .put(USERS + "/{id}/imap-connection", org.mailboxUser()).then().statusCode(400);
        given().auth().oauth2(org.token(org.member(), "member")).delete(USERS + "/{id}/imap-connection", org.mailboxUser())
                .then().statusCode(403);
        given().auth().oauth2(owner).post(USERS + "/{id}/lock", org.mailboxUser()).then().statusCode(200);
        given().auth().oauth2(self).delete(USERS + "/{id}/imap-connection", org.mailboxUser()).then().statusCode(409)
                .body("code", equalTo("mail-settings-locked"));

        // INT-07 still first: an active user is not backed up, whatever the mailbox
        given().auth().oauth2(owner).post(USERS + "/{id}/backup", org.mailboxUser()).then().statusCode(409)
                .body("code", equalTo("backup-user-not-deactivated"));
        given().auth().oauth2(owner).delete(USERS + "/{id}/imap-connection", org.mailboxUser()).then().statusCode(200)
                .body("imap", equalTo(null));
        deactivate(org);
        given().auth().oauth2(owner).post(USERS + "/{id}/backup", org.mailboxUser()).then().statusCode(409)
                .body("code", equalTo("backup-needs-imap"));
        assertEquals(0, count(db, "select count(*) from mailbox_backup where user_id = ?", org.mailboxUser()));
    }
}
