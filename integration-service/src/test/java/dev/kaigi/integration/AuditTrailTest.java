package dev.kaigi.integration;

import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.connectSalesforce;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.linkCalendar;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SEC-02: integration's administrative changes in its audit trail, read by OWNERs through /api/v1/audit-events. */
@QuarkusTest
@QuarkusTestResource(ProviderSimulators.class)
class AuditTrailTest {

    private static final String MAIL_OPTIONS = "/api/v1/mail-option-users/";

    @Inject
    AgroalDataSource db;

    /** An organization with a domain of its own, its OWNER and a MEMBER, all known to the service. */
    private record Org(UUID id, String domain, UUID owner, UUID member) {

        RequestSpecification as(UUID user, String role) {
            return given().auth().oauth2(TestTokens.user(id, user, role)).contentType(ContentType.JSON);
        }

        RequestSpecification asOwner() {
            return as(owner, "owner");
        }
    }

    private Org org() throws Exception {
        UUID id = organization(db, "Acme");
        String domain = "acme-" + id.toString().substring(0, 8) + ".test";
        return new Org(id, domain, activeUser(db, id, "owner@" + domain, Role.OWNER),
                activeUser(db, id, "member@" + domain, Role.MEMBER));
    }

    private static String settings(String type, String mailbox, String sharing) {
        return "{\"mailboxType\":\"" + type + "\",\"mailboxEmail\":\"" + mailbox + "\",\"sharing\":\"" + sharing + "\"}";
    }

    @Test
    @DisplayName("SEC-02: Zoom, calendar and Salesforce links, re-links and unlinks are recorded with who and which account")
    void connections() throws Exception {
        Org org = org();
        UUID member = org.member();
        linkZoom(org.id(), member, "zoom-a-" + member, "first@zoom.test", "za-" + member, "zr-" + member);
        linkZoom(org.id(), member, "zoom-b-" + member, "second@zoom.test", "zb-" + member, "zr2-" + member);
        org.as(member, "member").delete("/api/v1/users/" + member + "/zoom-connection").then().statusCode(204);
        linkCalendar(org.id(), member, "google", "ga-" + member, "gr-" + member, "member@gmail.test");
        org.as(member, "member").delete("/api/v1/users/" + member + "/calendar-connection").then().statusCode(204);
        connectSalesforce(org.id(), org.owner(), "sf" + member.toString().substring(0, 8), "sa-" + member, "sr-" + member, Map.of());
        org.asOwner().delete("/api/v1/organization/salesforce-connection").then().statusCode(204);

        var trail = org.asOwner().get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(7))
                .body("items.action", contains("CONNECTION_UNLINKED", "CONNECTION_LINKED", "CONNECTION_UNLINKED",
                        "CONNECTION_LINKED", "CONNECTION_UNLINKED", "CONNECTION_LINKED", "CONNECTION_LINKED"))
                .body("items.collect { it.after?.provider }", contains(null, "SALESFORCE", null, "GOOGLE", null, "ZOOM", "ZOOM"))
                .body("items.collect { it.before?.provider }", contains("SALESFORCE", null, "GOOGLE", null, "ZOOM", "ZOOM", null))
                .body("items.actorUserId", contains(org.owner().toString(), org.owner().toString(), member.toString(),
                        member.toString(), member.toString(), member.toString(), member.toString()))
                // the organization's Salesforce belongs to no user; a calendar link has an id of its own, a Zoom link is the user's
                .body("items[0].targetUserId", nullValue()).body("items[1].targetId", notNullValue())
                .body("items[1].after.accountEmail", notNullValue())
                .body("items[2].targetUserId", equalTo(member.toString())).body("items[2].targetId", notNullValue())
                .body("items[3].after.accountEmail", equalTo("member@gmail.test")).body("items[3].before", nullValue())
                .body("items[4].before.accountEmail", equalTo("second@zoom.test")).body("items[4].after", nullValue())
                // re-linking shows the account replaced
                .body("items[5].before.accountEmail", equalTo("first@zoom.test"))
                .body("items[5].after.accountEmail", equalTo("second@zoom.test"))
                .body("items[6].targetUserId", equalTo(member.toString())).body("items[6].targetId", nullValue())
                .body("items[6].after", not(hasKey("accessToken")))
                .extract();
        assertEquals(trail.<String>path("items[3].targetId"), trail.path("items[2].targetId"), "the calendar link unlinked is the one linked");
    }

    @Test
    @DisplayName("SEC-02: mail-option settings, locks and backups are recorded with who, before and after")
    void mailOptions() throws Exception {
        Org org = org();
        UUID member = org.member();
        String mailbox = "Shared@" + org.domain();
        org.asOwner().body(settings("IMAP", mailbox, "SHARE_ALL")).put(MAIL_OPTIONS + member + "/settings").then().statusCode(200);
        org.as(member, "member").body(settings("EXCHANGE", mailbox, "SHARE_ALL")).put(MAIL_OPTIONS + member + "/settings")
                .then().statusCode(200);
        org.asOwner().post(MAIL_OPTIONS + member + "/lock").then().statusCode(200);
        org.asOwner().post(MAIL_OPTIONS + member + "/unlock").then().statusCode(200);
        org.asOwner().body("{\"host\":\"imap.acme.test\",\"port\":993,\"security\":\"SSL\",\"username\":\"shared\","
                + "\"password\":\"imap-Secret-1\"}").put(MAIL_OPTIONS + member + "/imap-connection").then().statusCode(200);
        lifecycle(db, new UserDeactivated(org.id(), member, UserType.REGULAR, org.owner(), DeactivationReason.ADMIN), member,
                "DEACTIVATED");
        String backup = org.asOwner().post(MAIL_OPTIONS + member + "/backup").then().statusCode(202).extract().path("id");

        org.asOwner().queryParam("targetUserId", member).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", contains("MAILBOX_BACKUP_STARTED", "MAIL_OPTION_SETTINGS_SAVED", "MAIL_OPTION_UNLOCKED",
                        "MAIL_OPTION_LOCKED", "MAIL_OPTION_SETTINGS_SAVED", "MAIL_OPTION_SETTINGS_SAVED"))
                .body("items.actorUserId", contains(org.owner().toString(), org.owner().toString(), org.owner().toString(),
                        org.owner().toString(), member.toString(), org.owner().toString()))
                .body("items[0].targetId", equalTo(backup)).body("items[0].after.kind", equalTo("BACKUP"))
                .body("items[0].after.status", equalTo("IN_PROGRESS")).body("items[0].after.mailboxEmail", equalTo(mailbox))
                // INT-11: the IMAP login saved for the member; that a password was set, never the password
                .body("items[1].after.imapHost", equalTo("imap.acme.test")).body("items[1].after.imapPort", equalTo(993))
                .body("items[1].after.imapSecurity", equalTo("SSL")).body("items[1].after.imapUsername", equalTo("shared"))
                .body("items[1].after.imapPassword", equalTo("changed")).body("items[1].before.imapPassword", nullValue())
                .body("items[1].after", not(hasValue("imap-Secret-1")))
                .body("items[2].before", equalTo(Map.of("locked", true))).body("items[2].after", equalTo(Map.of("locked", false)))
                .body("items[3].before", equalTo(Map.of("locked", false))).body("items[3].after", equalTo(Map.of("locked", true)))
                // the member's own save changed the mailbox type only
                .body("items[4].before", equalTo(Map.of("mailboxType", "IMAP")))
                .body("items[4].after", equalTo(Map.of("mailboxType", "EXCHANGE")))
                .body("items[5].before", nullValue()).body("items[5].after.sharing", equalTo("SHARE_ALL"))
                .body("items[5].after.mailboxEmail", equalTo(mailbox)).body("items[5].after.locked", equalTo(false));
    }

    @Test
    @DisplayName("SEC-02: only the organization's OWNERs read its trail; another organization sees none of it")
    void onlyOwnersOfTheOrganizationRead() throws Exception {
        Org org = org();
        org.asOwner().body(settings("IMAP", "m@" + org.domain(), "SHARE_ALL")).put(MAIL_OPTIONS + org.member() + "/settings")
                .then().statusCode(200);
        org.as(UUID.randomUUID(), "owner").get("/api/v1/audit-events").then().statusCode(200).body("totalItems", equalTo(1));
        org.as(org.member(), "member").get("/api/v1/audit-events").then().statusCode(403);
        org.as(UUID.randomUUID(), "manager").get("/api/v1/audit-events").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(org.id(), "users:read", "schedules:read")).get("/api/v1/audit-events")
                .then().statusCode(403);
        Org other = org();
        other.asOwner().get("/api/v1/audit-events").then().statusCode(200).body("totalItems", equalTo(0));
        other.asOwner().queryParam("targetUserId", org.member()).get("/api/v1/audit-events").then().body("totalItems", equalTo(0));
        org.asOwner().queryParam("action", "MEETING_TYPE_CREATED").get("/api/v1/audit-events").then()
                .statusCode(400).body("errors[0].field", equalTo("action"));
    }

    @Test
    @DisplayName("SEC-02: a refused change leaves no audit event")
    void refusedChangesLeaveNoTrace() throws Exception {
        Org org = org();
        UUID member = org.member();
        org.asOwner().body(settings("IMAP", "m@" + org.domain(), "DONT_SHARE")).put(MAIL_OPTIONS + member + "/settings")
                .then().statusCode(200);
        org.asOwner().post(MAIL_OPTIONS + member + "/lock").then().statusCode(409).body("code", equalTo("lock-needs-sharing"));
        org.asOwner().post(MAIL_OPTIONS + member + "/backup").then().statusCode(409).body("code", equalTo("backup-user-not-deactivated"));
        org.asOwner().header("If-Match", "\"99\"").body(settings("POP", "m@" + org.domain(), "SHARE_ALL"))
                .put(MAIL_OPTIONS + member + "/settings").then().statusCode(412);
        org.as(member, "member").body("{\"code\":\"whatever\",\"state\":\"not-a-state\"}")
                .put("/api/v1/users/" + member + "/zoom-connection").then().statusCode(400);
        // unlinking what is not linked changes nothing
        org.as(member, "member").delete("/api/v1/users/" + member + "/calendar-connection").then().statusCode(204);

        org.asOwner().get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].action", equalTo("MAIL_OPTION_SETTINGS_SAVED"));
    }
}
