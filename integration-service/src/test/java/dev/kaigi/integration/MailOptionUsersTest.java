package dev.kaigi.integration;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.mailoption.backup.MailboxBackupWorker;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** INT-06...09: mail-option users, their lock and mailbox backups, through the API and the broker. */
@QuarkusTest
class MailOptionUsersTest {

    private static final String BASE = "/api/v1/mail-option-users";

    @Inject
    MailboxBackupWorker worker;
    @Inject
    AgroalDataSource db;

    /** An organization whose users' emails share a domain of its own; {@code owner} is its (first) admin. */
    private record Org(UUID id, String domain, UUID owner) {
        String email(String name) {
            return name + "@" + domain;
        }
    }

    private Org org() throws Exception {
        UUID id = organization(db, "Acme");
        String domain = "acme-" + id.toString().substring(0, 8) + ".test";
        return new Org(id, domain, activeUser(db, id, "owner@" + domain, Role.OWNER));
    }

    private static String owner(Org org) {
        return TestTokens.user(org.id(), org.owner(), "owner");
    }

    private static ValidatableResponse save(String token, UUID user, String type, String mailbox, String sharing) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"mailboxType\":\"" + type + "\",\"mailboxEmail\":\"" + mailbox + "\",\"sharing\":\"" + sharing + "\"}")
                .put(BASE + "/{id}/settings", user).then();
    }

    private static ValidatableResponse post(String token, UUID user, String action) {
        return given().auth().oauth2(token).post(BASE + "/{id}/" + action, user).then();
    }

    private void deactivate(Org org, UUID user) {
        lifecycle(db, new UserDeactivated(org.id(), user, UserType.REGULAR, org.owner(), DeactivationReason.ADMIN), user,
                "DEACTIVATED");
    }

    @Test
    @DisplayName("INT-06 settings carry an ETag: a save with the version read succeeds, one with a stale version is 412 and changes nothing")
    void settingsAreGuardedByETag() throws Exception {
        Org org = org();
        UUID user = activeUser(db, org.id(), org.email("etag"), Role.MEMBER);
        String self = TestTokens.user(org.id(), user, "member");
        save(self, user, "IMAP", org.email("etag"), "SHARE_ALL").statusCode(200).header("ETag", notNullValue());
        String read = given().auth().oauth2(self).get(BASE + "/{id}", user).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(self).contentType("application/json").header("If-Match", read)
                .body("{\"mailboxType\":\"EXCHANGE\",\"mailboxEmail\":\"" + org.email("etag") + "\",\"sharing\":\"SHARE_ALL\"}")
                .put(BASE + "/{id}/settings", user).then().statusCode(200).body("mailboxType", equalTo("EXCHANGE"));
        given().auth().oauth2(owner(org)).contentType("application/json").header("If-Match", read)
                .body("{\"mailboxType\":\"IMAP\",\"mailboxEmail\":\"" + org.email("etag") + "\",\"sharing\":\"DONT_SHARE\"}")
                .put(BASE + "/{id}/settings", user).then().statusCode(412).body("code", equalTo("precondition-failed"));
        given().auth().oauth2(self).get(BASE + "/{id}", user).then().body("mailboxType", equalTo("EXCHANGE")).body("sharing", equalTo("SHARE_ALL"));
    }

    @Test
    @DisplayName("INT-06: an OWNER lists the mail-option users with mailbox type and sharing; deactivated users with their backup status")
    void listsMailOptionUsers() throws Exception {
        Org org = org();
        UUID active = activeUser(db, org.id(), org.email("a-active"), Role.MEMBER);
        UUID gone = activeUser(db, org.id(), org.email("b-gone"), Role.MEMBER);
        activeUser(db, org.id(), org.email("c-no-mail-option"), Role.MEMBER);
        save(TestTokens.user(org.id(), active, "member"), active, "IMAP", org.email("a-active"), "SHARE_ALL").statusCode(200)
                .body("mailboxType", equalTo("IMAP")).body("sharing", equalTo("SHARE_ALL")).body("locked", equalTo(false));
        save(owner(org), gone, "EXCHANGE", org.email("b-gone"), "SHARE_ALL").statusCode(200)
                .body("settingsSavedAt", nullValue());
        deactivate(org, gone);

        given().auth().oauth2(owner(org)).get(BASE).then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.email", contains(org.email("a-active"), org.email("b-gone")))
                .body("items.mailboxType", contains("IMAP", "EXCHANGE"))
                .body("items.sharing", contains("SHARE_ALL", "SHARE_ALL"))
                .body("items.status", contains("ACTIVE", "DEACTIVATED"))
                .body("items[0].backupStatus", nullValue())
                .body("items[1].backupStatus", equalTo("NONE"));
        given().auth().oauth2(owner(org)).queryParam("status", "DEACTIVATED").get(BASE).then().statusCode(200)
                .body("items.userId", contains(gone.toString()));
        given().auth().oauth2(owner(org)).queryParam("size", 1).queryParam("page", 1).get(BASE).then().statusCode(200)
                .body("items.userId", contains(gone.toString())).body("totalPages", equalTo(2));
        given().auth().oauth2(owner(org)).queryParam("size", 1000).get(BASE).then().statusCode(400);
        given().auth().oauth2(owner(org)).queryParam("status", "DELETED").get(BASE).then().statusCode(400);
    }

    @Test
    @DisplayName("INT-07: backup of a deactivated \"share all\" user of the admin's domain goes IN_PROGRESS → COMPLETED with mailbox-backup-completed; refused otherwise, nothing started")
    void backupOfDeactivatedUsers() throws Exception {
        Org org = org();
        UUID shared = activeUser(db, org.id(), org.email("shared"), Role.MEMBER);
        UUID notShared = activeUser(db, org.id(), org.email("private"), Role.MEMBER);
        UUID foreignMailbox = activeUser(db, org.id(), org.email("elsewhere"), Role.MEMBER);
        UUID stillActive = activeUser(db, org.id(), org.email("active"), Role.MEMBER);
        save(owner(org), shared, "IMAP", "Shared@" + org.domain().toUpperCase(), "SHARE_ALL").statusCode(200);
        save(owner(org), notShared, "IMAP", org.email("private"), "DONT_SHARE").statusCode(200);
        save(owner(org), foreignMailbox, "POP", "someone@other-domain.test", "SHARE_ALL").statusCode(200);
        save(owner(org), stillActive, "IMAP", org.email("active"), "SHARE_ALL").statusCode(200);
        for (UUID u : new UUID[] {shared, notShared, foreignMailbox}) {
            deactivate(org, u);
        }

        post(owner(org), stillActive, "backup").statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("backup-user-not-deactivated"));
        post(owner(org), notShared, "backup").statusCode(409).body("code", equalTo("backup-needs-share-all"));
        post(owner(org), foreignMailbox, "backup").statusCode(409).body("code", equalTo("backup-domain-mismatch"));
        assertEquals(0, count(db, "select count(*) from mailbox_backup where org_id = ?", org.id()));

        Mailboxes.create(org.email("shared"));
        Mailboxes.save(owner(org), shared, org.email("shared"), Mailboxes.PASSWORD).statusCode(200);
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            String backupId = post(owner(org), shared, "backup").statusCode(202)
                    .body("status", equalTo("IN_PROGRESS")).body("userId", equalTo(shared.toString()))
                    .body("requestedBy", equalTo(org.owner().toString())).extract().path("id");
            worker.runDue();
            ReceivedEvent completed = probe.await(EventTypes.MAILBOX_BACKUP_COMPLETED, shared.toString(), Duration.ofSeconds(30));
            assertEquals(backupId, completed.data().get("backupId").asText());
            assertEquals(org.id().toString(), completed.data().get("orgId").asText());
        }
        given().auth().oauth2(owner(org)).get(BASE + "/{id}/backups", shared).then().statusCode(200)
                .body("status", contains("COMPLETED")).body("kind", contains("BACKUP"));
        given().auth().oauth2(owner(org)).get(BASE + "/{id}", shared).then().statusCode(200)
                .body("backupStatus", equalTo("COMPLETED"));
    }

    @Test
    @DisplayName("INT-08: with several admins not your own settings (403), other admins' and members' yes; \"don't share\" cannot be locked; a locked user cannot change mailbox or sharing; a sole admin locks their own")
    void lockAndUnlock() throws Exception {
        Org org = org();
        UUID secondAdmin = activeUser(db, org.id(), org.email("admin2"), Role.OWNER);
        UUID member = activeUser(db, org.id(), org.email("member"), Role.MEMBER);
        UUID hidden = activeUser(db, org.id(), org.email("hidden"), Role.MEMBER);
        String memberToken = TestTokens.user(org.id(), member, "member");
        save(owner(org), org.owner(), "IMAP", org.email("owner"), "SHARE_ALL").statusCode(200);
        save(owner(org), secondAdmin, "IMAP", org.email("admin2"), "SHARE_ALL").statusCode(200);
        save(memberToken, member, "IMAP", org.email("member"), "SHARE_ALL").statusCode(200);
        save(owner(org), hidden, "IMAP", org.email("hidden"), "DONT_SHARE").statusCode(200);

        post(owner(org), org.owner(), "lock").statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("own-lock-not-allowed"));
        post(owner(org), org.owner(), "unlock").statusCode(403).body("code", equalTo("own-lock-not-allowed"));
        post(owner(org), secondAdmin, "lock").statusCode(200).body("locked", equalTo(true));
        post(owner(org), member, "lock").statusCode(200).body("locked", equalTo(true));
        post(owner(org), hidden, "lock").statusCode(409).body("code", equalTo("lock-needs-sharing"));
        given().auth().oauth2(owner(org)).get(BASE + "/{id}", hidden).then().body("locked", equalTo(false));

        // the locked member cannot change their mailbox or sharing; an admin still can, for them
        save(memberToken, member, "POP", org.email("member"), "DONT_SHARE").statusCode(409)
                .body("code", equalTo("mail-settings-locked"));
        given().auth().oauth2(memberToken).get(BASE + "/{id}", member).then().statusCode(200)
                .body("mailboxType", equalTo("IMAP")).body("sharing", equalTo("SHARE_ALL"));
        post(TestTokens.user(org.id(), secondAdmin, "owner"), member, "unlock").statusCode(200).body("locked", equalTo(false));
        save(memberToken, member, "POP", org.email("member"), "SHARE_ALL").statusCode(200).body("mailboxType", equalTo("POP"));

        // a sole admin may lock and unlock their own settings
        Org alone = org();
        save(owner(alone), alone.owner(), "EXCHANGE", alone.email("owner"), "SHARE_ALL").statusCode(200);
        post(owner(alone), alone.owner(), "lock").statusCode(200).body("locked", equalTo(true));
        post(owner(alone), alone.owner(), "unlock").statusCode(200).body("locked", equalTo(false));
    }

    @Test
    @DisplayName("INT-09: latest backup refused after re-activation until the user saved their settings (latest-backup-settings-not-saved), and after sharing became \"don't share\" (latest-backup-sharing-off)")
    void latestBackupRefusals() throws Exception {
        Org org = org();
        UUID user = activeUser(db, org.id(), org.email("back"), Role.MEMBER);
        String userToken = TestTokens.user(org.id(), user, "member");
        save(userToken, user, "IMAP", org.email("back"), "SHARE_ALL").statusCode(200);
        Mailboxes.create(org.email("back"));
        Mailboxes.save(userToken, user, org.email("back"), Mailboxes.PASSWORD).statusCode(200);
        deactivate(org, user);
        lifecycle(db, new UserActivated(org.id(), user, UserType.REGULAR), user, "ACTIVE");

        post(owner(org), user, "latest-backup").statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("latest-backup-settings-not-saved"));
        save(owner(org), user, "IMAP", org.email("back"), "SHARE_ALL").statusCode(200); // an admin's save is not theirs
        post(owner(org), user, "latest-backup").statusCode(409).body("code", equalTo("latest-backup-settings-not-saved"));
        save(userToken, user, "IMAP", org.email("back"), "SHARE_ALL").statusCode(200);
        post(owner(org), user, "latest-backup").statusCode(202).body("kind", equalTo("LATEST"));
        worker.runDue();
        assertEquals(1, count(db, "select count(*) from mailbox_backup where user_id = ? and status = 'COMPLETED'", user));

        save(userToken, user, "IMAP", org.email("back"), "DONT_SHARE").statusCode(200);
        post(owner(org), user, "latest-backup").statusCode(409).body("code", equalTo("latest-backup-sharing-off"));
        assertEquals(1, count(db, "select count(*) from mailbox_backup where user_id = ?", user));
    }

    @Test
    @DisplayName("INT-06...09, ORG-01: OWNERs only for the admin actions, the user for their own settings; another organization gets 404; bad input 400")
    void rolesTenancyAndBadInput() throws Exception {
        Org org = org();
        UUID member = activeUser(db, org.id(), org.email("m"), Role.MEMBER);
        UUID colleague = activeUser(db, org.id(), org.email("c"), Role.MEMBER);
        save(owner(org), colleague, "IMAP", org.email("c"), "SHARE_ALL").statusCode(200);
        for (String role : new String[] {"manager", "member", "restricted"}) {
            String t = TestTokens.user(org.id(), member, role);
            given().auth().oauth2(t).get(BASE).then().statusCode(403).body("code", equalTo("forbidden"));
            given().auth().oauth2(t).get(BASE + "/{id}", colleague).then().statusCode(403);
            given().auth().oauth2(t).get(BASE + "/{id}/backups", colleague).then().statusCode(403);
            save(t, colleague, "IMAP", org.email("c"), "DONT_SHARE").statusCode(403);
            for (String action : new String[] {"lock", "unlock", "backup", "latest-backup"}) {
                post(t, colleague, action).statusCode(403);
                post(t, member, action).statusCode(403); // not even on themselves
            }
        }
        // the user reads and saves their own
        String self = TestTokens.user(org.id(), member, "member");
        given().auth().oauth2(self).get(BASE + "/{id}", member).then().statusCode(404).body("code", equalTo("mail-option-not-set"));
        save(self, member, "POP", org.email("m"), "SHARE_ALL").statusCode(200);

        // another organization's OWNER: our users do not exist for them
        Org other = org();
        String foreign = owner(other);
        given().auth().oauth2(foreign).get(BASE).then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(foreign).get(BASE + "/{id}", colleague).then().statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(foreign).get(BASE + "/{id}/backups", colleague).then().statusCode(404);
        save(foreign, colleague, "IMAP", other.email("x"), "DONT_SHARE").statusCode(404);
        for (String action : new String[] {"lock", "unlock", "backup", "latest-backup"}) {
            post(foreign, colleague, action).statusCode(404);
        }
        given().auth().oauth2(owner(org)).get(BASE + "/{id}", colleague).then().body("sharing", equalTo("SHARE_ALL"))
                .body("locked", equalTo(false));

        // bad input
        save(self, member, "FAX", org.email("m"), "SHARE_ALL").statusCode(400).contentType("application/problem+json");
        save(self, member, "IMAP", "not-an-email", "SHARE_ALL").statusCode(400).body("code", equalTo("validation-failed"));
        given().auth().oauth2(self).contentType("application/json").body("{}").put(BASE + "/{id}/settings", member)
                .then().statusCode(400).body("code", equalTo("validation-failed"));
        post(owner(org), member, "backup").statusCode(409).body("code", equalTo("backup-user-not-deactivated"));
        post(owner(org), UUID.randomUUID(), "lock").statusCode(404);
        UUID noSettings = activeUser(db, org.id(), org.email("n"), Role.MEMBER);
        post(owner(org), noSettings, "lock").statusCode(404).body("code", equalTo("mail-option-not-set"));
    }
}
