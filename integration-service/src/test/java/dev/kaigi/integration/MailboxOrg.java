package dev.kaigi.integration;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * An organization whose mailbox is to be backed up (INT-11): an OWNER, a host whose meeting was booked by
 * {@code lead}, the OWNER's meeting booked by {@code otherLead}, a MEMBER with no meeting, and the user whose IMAP
 * mailbox (on the simulators' GreenMail) has "share all" settings and is to be backed up.
 */
record MailboxOrg(UUID id, String domain, UUID owner, UUID host, UUID member, UUID mailboxUser, String lead,
                  String otherLead) {

    private static final String USERS = "/api/v1/mail-option-users";

    static MailboxOrg create(DataSource db) throws Exception {
        UUID id = organization(db, "Acme");
        String tag = id.toString().substring(0, 8);
        String domain = "acme-" + tag + ".test";
        UUID owner = activeUser(db, id, "owner@" + domain, Role.OWNER);
        UUID host = activeUser(db, id, "host@" + domain, Role.MEMBER);
        UUID member = activeUser(db, id, "member@" + domain, Role.MEMBER);
        UUID mailboxUser = activeUser(db, id, "mailbox@" + domain, Role.MEMBER);
        MailboxOrg org = new MailboxOrg(id, domain, owner, host, member, mailboxUser, "lead-" + tag + "@client.test",
                "other-" + tag + "@prospect.test");
        org.book(db, host, "Lead-" + tag.toUpperCase() + "@Client.test"); // kept in lower case
        org.book(db, owner, org.otherLead());
        Mailboxes.create(org.mailbox());
        given().auth().oauth2(org.token(owner, "owner")).contentType("application/json")
                .body("{\"mailboxType\":\"IMAP\",\"mailboxEmail\":\"" + org.mailbox() + "\",\"sharing\":\"SHARE_ALL\"}")
                .put(USERS + "/{id}/settings", mailboxUser).then().statusCode(200);
        return org;
    }

    String mailbox() {
        return "mailbox@" + domain;
    }

    String email(String name) {
        return name + "@" + domain;
    }

    String token(UUID user, String role) {
        return TestTokens.user(id, user, role);
    }

    /** A meeting of {@code host} booked by {@code leadEmail}, once integration-service has taken it in. */
    private void book(DataSource db, UUID host, String leadEmail) {
        MeetingBooked booked = new MeetingBooked(id, UUID.randomUUID(), UUID.randomUUID(), "Demo", host,
                Instant.parse("2030-04-01T01:00:00Z"), Instant.parse("2030-04-01T01:30:00Z"), "Asia/Tokyo",
                ConferencingMethod.PHONE, "Lead", leadEmail, null, "en", null, null, null);
        TestEvents.publish(booked);
        Await.until("the booking's lead", () -> count(db,
                "select count(*) from booking_sequence where booking_id = ? and lead_email = lower(?)",
                booked.bookingId(), leadEmail) == 1, Duration.ofSeconds(60));
    }

    void deactivate(DataSource db) {
        lifecycle(db, new UserDeactivated(id, mailboxUser, UserType.REGULAR, owner, DeactivationReason.ADMIN),
                mailboxUser, "DEACTIVATED");
    }

    /** The OWNER starts a backup ({@code backup}) or a latest backup ({@code latest-backup}); its id. */
    String startBackup(String kind) {
        return given().auth().oauth2(token(owner, "owner")).post(USERS + "/{id}/" + kind, mailboxUser)
                .then().statusCode(202).body("status", equalTo("IN_PROGRESS")).extract().path("id");
    }

    /** How many messages of the mailbox the store holds. */
    long stored(DataSource db) throws Exception {
        return count(db, "select count(*) from backed_up_message where mailbox_user_id = ?", mailboxUser);
    }

    static String status(DataSource db, String backupId) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select status from mailbox_backup where id = ?")) {
            ps.setObject(1, UUID.fromString(backupId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
