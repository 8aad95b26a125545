package dev.kaigi.integration;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.user.Role;
import dev.kaigi.integration.crypto.SecretCipher;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.SlackSimulator;
import dev.kaigi.integration.simulators.SlackSimulator.Workspace;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.db.DatabaseScan;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.installSlack;
import static dev.kaigi.integration.Fixtures.organization;
import static dev.kaigi.integration.Fixtures.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INT-10 (with INT-02): Kaigi's Slack app installed per organization through OAuth v2, its bot token encrypted, each
 * organization's mentions posted with its own token into its own workspace, a token Slack stopped accepting marking
 * the installation REVOKED, against the Slack simulator.
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulators.class)
class SlackInstallationTest {

    private static final String BASE = "/api/v1/organization/slack-installation";
    private static final Instant START = Instant.parse("2030-04-01T01:00:00Z");

    @Inject
    AgroalDataSource db;
    @Inject
    SecretCipher cipher;

    private static SlackSimulator slack() {
        return ProviderSimulators.slack();
    }

    private static String owner(UUID org, UUID user) {
        return TestTokens.user(org, user, "owner");
    }

    /** Starts an install as {@code token}'s OWNER; returns the state from Slack's authorize URL. */
    private static String start(String token) {
        String url = given().auth().oauth2(token).post(BASE + "/authorization").then().statusCode(200)
                .body("expiresAt", notNullValue()).extract().path("authorizeUrl");
        return query(url, "state");
    }

    private static ValidatableResponse complete(String token, String code, String state) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + state + "\"}").put(BASE).then();
    }

    private long installed(UUID org) throws Exception {
        return count(db, "select count(*) from slack_installation where org_id = ?", org);
    }

    /** A host of {@code org} with a Slack member ID of their own. */
    private UUID host(UUID org, String memberId) {
        return activeUser(db, org, "host-" + UUID.randomUUID() + "@acme.test", memberId, null, null);
    }

    private static String memberId() {
        return "U0" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    /** Books a phone meeting of {@code host}; waits until its Slack mention is recorded; returns its outcome and detail. */
    private String[] book(UUID org, UUID host) throws Exception {
        MeetingBooked booked = new MeetingBooked(org, UUID.randomUUID(), UUID.randomUUID(), "Demo", host, START,
                START.plus(Duration.ofMinutes(30)), "Asia/Tokyo", ConferencingMethod.PHONE, "Lead",
                "lead-" + UUID.randomUUID() + "@customer.test", null, "en", null, null, null);
        TestEvents.publish(booked);
        Await.until("the Slack mention of " + booked.bookingId(), () -> count(db,
                "select count(*) from side_effect where subject_id = ? and kind = 'SLACK_MENTION'", booked.bookingId()) == 1,
                Duration.ofSeconds(60));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select outcome, detail from side_effect where subject_id = ? and kind = 'SLACK_MENTION'")) {
            ps.setObject(1, booked.bookingId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    @Test
    @DisplayName("INT-10: an OWNER installs through oauth.v2.access (state checked, single use); the view shows the workspace, never the token; the token is encrypted at rest; audited")
    void installShowsWorkspaceAndKeepsTokenEncrypted() throws Exception {
        UUID org = organization(db, "Acme");
        UUID ownerId = activeUser(db, org, "owner-" + org + "@acme.test", Role.OWNER);
        String owner = owner(org, ownerId);
        String url = given().auth().oauth2(owner).post(BASE + "/authorization").then().statusCode(200)
                .extract().path("authorizeUrl");
        assertTrue(url.startsWith(slack().url() + "/oauth/v2/authorize?"), url);
        assertEquals(SlackSimulator.CLIENT_ID, query(url, "client_id"));
        assertEquals("chat:write", query(url, "scope"));
        assertEquals(SlackSimulator.REDIRECT_URI, query(url, "redirect_uri"));
        String state = query(url, "state");
        assertEquals(1, count(db, "select count(*) from oauth_state where org_id = ? and purpose = 'SLACK'", org));

        Workspace workspace = Workspace.fresh("Acme HQ");
        String code = "slack-" + UUID.randomUUID();
        slack().grantCode(code, workspace);
        String body = complete(owner, code, state).statusCode(200)
                .body("workspaceId", equalTo(workspace.teamId()))
                .body("workspaceName", equalTo("Acme HQ"))
                .body("botUserId", equalTo(workspace.botUserId()))
                .body("scopes", equalTo(List.of("chat:write")))
                .body("status", equalTo("ACTIVE"))
                .body("revokedReason", nullValue())
                .body("revokedAt", nullValue())
                .body("installedBy", equalTo(ownerId.toString()))
                .body("installedAt", notNullValue())
                .extract().asString();
        assertFalse(body.contains(workspace.botToken()), body);
        // the code was exchanged once, with the client's credentials and the redirect URI in the form
        List<String> exchanges = slack().exchanges(code);
        assertEquals(1, exchanges.size());
        assertTrue(exchanges.get(0).contains("client_secret=" + SlackSimulator.CLIENT_SECRET), "client secret in the form");
        given().auth().oauth2(owner).get(BASE).then().statusCode(200)
                .body("workspaceId", equalTo(workspace.teamId())).body(not(containsString(workspace.botToken())));

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, bot_token_enc from slack_installation where org_id = ?")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                UUID id = rs.getObject(1, UUID.class);
                assertFalse(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1).contains(workspace.botToken()));
                assertEquals(workspace.botToken(), cipher.decrypt(rs.getBytes(2), "slack_installation/bot_token/" + id));
            }
        }
        assertEquals(List.of(), DatabaseScan.columnsContaining(db, workspace.botToken()), "the bot token in plain text");
        assertEquals(1, count(db, "select count(*) from audit_trail where org_id = ? and action = 'CONNECTION_LINKED'"
                + " and actor_user_id = ? and after ->> 'provider' = 'SLACK' and after ->> 'workspaceId' = ?"
                + " and after ->> 'workspaceName' = 'Acme HQ' and before is null", org, ownerId, workspace.teamId()));

        // the state was single use: replaying it is refused, nothing changes
        complete(owner, code, state).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("oauth-state-invalid"));
        assertEquals(1, slack().exchanges(code).size(), "a replayed state never reaches Slack");
        assertEquals(1, installed(org));
    }

    @Test
    @DisplayName("INT-10: a forged state, another OWNER's, another organization's or another provider's state is refused before Slack is asked; nothing is stored")
    void badStatesAreRefused() throws Exception {
        UUID org = organization(db, "Acme");
        String owner = owner(org, UUID.randomUUID());
        Workspace workspace = Workspace.fresh("Acme");
        String code = "slack-" + UUID.randomUUID();
        slack().grantCode(code, workspace);

        complete(owner, code, "forged-state").statusCode(400).body("code", equalTo("oauth-state-invalid"));
        String othersState = start(owner(org, UUID.randomUUID()));
        complete(owner, code, othersState).statusCode(400).body("code", equalTo("oauth-state-invalid"));
        UUID otherOrg = organization(db, "Other");
        String otherOrgState = start(owner(otherOrg, UUID.randomUUID()));
        complete(owner, code, otherOrgState).statusCode(400).body("code", equalTo("oauth-state-invalid"));
        // a state issued for Salesforce is not one for Slack
        UUID me = UUID.randomUUID();
        String salesforce = given().auth().oauth2(owner(org, me)).post("/api/v1/organization/salesforce-connection/authorization")
                .then().statusCode(200).extract().path("authorizeUrl");
        complete(owner(org, me), code, query(salesforce, "state")).statusCode(400).body("code", equalTo("oauth-state-invalid"))
                .body("title", equalTo("Authorization not valid"));
        // an expired state
        UUID late = UUID.randomUUID();
        String expired = start(owner(org, late));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update oauth_state set expires_at = now() - interval '1 second' where org_id = ? and user_id = ?")) {
            ps.setObject(1, org);
            ps.setObject(2, late);
            assertEquals(1, ps.executeUpdate());
        }
        complete(owner(org, late), code, expired).statusCode(400).body("code", equalTo("oauth-state-invalid"));

        assertEquals(List.of(), slack().exchanges(code), "Slack was never asked");
        assertEquals(0, installed(org));
        assertEquals(0, installed(otherOrg));
    }

    @Test
    @DisplayName("INT-10: Slack's error answers are clear problems (code refused 400, enterprise install 400, app refused 502, garbled 502) in both languages; nothing is stored")
    void slackErrorsAreClearProblems() throws Exception {
        UUID org = organization(db, "Acme");
        String owner = owner(org, UUID.randomUUID());
        for (String error : List.of("invalid_code", "code_already_used", "bad_redirect_uri")) {
            String code = "refused-" + UUID.randomUUID();
            slack().refuseCode(code, error);
            complete(owner, code, start(owner)).statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("oauth-authorization-invalid")).body("detail", containsString("Slack"));
        }
        String notDistributed = "refused-" + UUID.randomUUID();
        slack().refuseCode(notDistributed, "invalid_team_for_non_distributed_app");
        complete(owner, notDistributed, start(owner)).statusCode(502).body("code", equalTo("slack-install-refused"))
                .body("detail", containsString("invalid_team_for_non_distributed_app"));
        String japanese = "refused-" + UUID.randomUUID();
        slack().refuseCode(japanese, "bad_client_secret");
        given().auth().oauth2(owner).header("Accept-Language", "ja").contentType("application/json")
                .body("{\"code\":\"" + japanese + "\",\"state\":\"" + start(owner) + "\"}").put(BASE).then()
                .statusCode(502).body("title", equalTo("Slack がインストールを拒否しました"))
                .body("detail", containsString("bad_client_secret"));

        String enterprise = "enterprise-" + UUID.randomUUID();
        slack().answerCode(enterprise, """
                {"ok":true,"app_id":"A0KAIGI","scope":"chat:write","token_type":"bot","access_token":"xoxb-grid-1",
                 "bot_user_id":"U0GRIDBOT","team":null,"enterprise":{"id":"E0GRID","name":"Grid"},"is_enterprise_install":true}
                """);
        complete(owner, enterprise, start(owner)).statusCode(400).body("code", equalTo("slack-enterprise-install-not-supported"));
        String userToken = "user-token-" + UUID.randomUUID();
        slack().answerCode(userToken, """
                {"ok":true,"scope":"chat:write","token_type":"user","access_token":"xoxp-1","team":{"id":"T0X","name":"X"}}
                """);
        complete(owner, userToken, start(owner)).statusCode(502).body("code", equalTo("provider-error"))
                .body("detail", containsString("Slack"));
        String busy = "busy-" + UUID.randomUUID();
        slack().refuseCode(busy, "service_unavailable");
        complete(owner, busy, start(owner)).statusCode(503).body("code", equalTo("provider-unavailable"));

        assertEquals(0, installed(org));
        assertEquals(0, count(db, "select count(*) from audit_trail where org_id = ?", org), "nothing audited");
    }

    @Test
    @DisplayName("INT-10, INT-02: two organizations with two workspaces: each host's mention goes through their own organization's bot token")
    void eachOrganizationMentionsThroughItsOwnWorkspace() throws Exception {
        UUID acme = organization(db, "Acme");
        UUID globex = organization(db, "Globex");
        Workspace acmeSlack = installSlack(acme);
        Workspace globexSlack = installSlack(globex);
        String acmeMember = memberId();
        String globexMember = memberId();
        UUID acmeHost = host(acme, acmeMember);
        UUID globexHost = host(globex, globexMember);

        assertEquals("DONE", book(acme, acmeHost)[0]);
        assertEquals("DONE", book(globex, globexHost)[0]);

        assertEquals(List.of(acmeSlack.botToken()), slack().tokensOfPostsMentioning(acmeMember));
        assertEquals(List.of(globexSlack.botToken()), slack().tokensOfPostsMentioning(globexMember));
        assertEquals(acmeMember, slack().postsMentioning(acmeMember).get(0).get("channel").asText(), "the app's DM with the host");
    }

    @Test
    @DisplayName("INT-10: without an installation no mention is sent; the side-effect log says why")
    void noInstallationNoMention() throws Exception {
        UUID org = organization(db, "Acme");
        String member = memberId();
        UUID host = host(org, member);
        String[] mention = book(org, host);
        assertEquals("SKIPPED", mention[0]);
        assertEquals("slack-not-installed", mention[1]);
        assertEquals(List.of(), slack().postsMentioning(member));
    }

    @Test
    @DisplayName("INT-10: a bot token Slack revoked marks the installation REVOKED (reason, when), mentions stop; the OWNER uninstalls and installs again")
    void revokedTokenStopsMentions() throws Exception {
        UUID org = organization(db, "Acme");
        String owner = owner(org, UUID.randomUUID());
        Workspace workspace = installSlack(org);
        String member = memberId();
        UUID host = host(org, member);
        assertEquals("DONE", book(org, host)[0]);

        slack().revokeInWorkspace(workspace, "token_revoked");
        String[] refused = book(org, host);
        assertEquals("FAILED", refused[0]);
        assertEquals("slack: token_revoked", refused[1]);
        given().auth().oauth2(owner).get(BASE).then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("revokedReason", equalTo("token_revoked"))
                .body("revokedAt", notNullValue())
                .body("workspaceId", equalTo(workspace.teamId()));

        String[] stopped = book(org, host);
        assertEquals("SKIPPED", stopped[0]);
        assertEquals("slack-installation-revoked", stopped[1]);
        assertEquals(2, slack().postsMentioning(member).size(), "nothing posted once revoked");

        // uninstalling a revoked installation asks nothing of Slack; a new install brings the mentions back
        given().auth().oauth2(owner).delete(BASE).then().statusCode(204);
        assertEquals(0, slack().revocations(workspace.botToken()));
        Workspace again = installSlack(org);
        assertEquals("DONE", book(org, host)[0]);
        assertEquals(again.botToken(), slack().tokensOfPostsMentioning(member).get(2));
    }

    @Test
    @DisplayName("INT-10: account_inactive marks the installation REVOKED too; an older install's refusal never marks a newer one")
    void inactiveAccountRevokesOnlyItsOwnInstall() throws Exception {
        UUID org = organization(db, "Acme");
        String owner = owner(org, UUID.randomUUID());
        Workspace workspace = installSlack(org);
        String member = memberId();
        UUID host = host(org, member);
        slack().revokeInWorkspace(workspace, "account_inactive");
        assertEquals("slack: account_inactive", book(org, host)[1]);
        given().auth().oauth2(owner).get(BASE).then().statusCode(200).body("status", equalTo("REVOKED"))
                .body("revokedReason", equalTo("account_inactive"));
        // installing again over a revoked installation replaces it: ACTIVE, no reason left
        installSlack(org);
        given().auth().oauth2(owner).get(BASE).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("revokedReason", nullValue()).body("revokedAt", nullValue());
        assertEquals(1, installed(org));
    }

    @Test
    @DisplayName("INT-10: uninstall deletes the token and revokes it at Slack (auth.revoke), audited; re-installing into another workspace revokes the old bot token")
    void uninstallAndReinstall() throws Exception {
        UUID org = organization(db, "Acme");
        UUID ownerId = UUID.randomUUID();
        String owner = owner(org, ownerId);
        Workspace first = installSlack(org);
        Workspace second = Workspace.fresh("Acme Sales");
        String code = "slack-" + UUID.randomUUID();
        slack().grantCode(code, second);
        complete(owner, code, start(owner)).statusCode(200).body("workspaceId", equalTo(second.teamId()));
        Await.until("the replaced bot token revoked", () -> slack().revocations(first.botToken()) == 1);
        assertEquals(1, count(db, "select count(*) from audit_trail where org_id = ? and action = 'CONNECTION_LINKED'"
                + " and before ->> 'workspaceId' = ? and after ->> 'workspaceId' = ?", org, first.teamId(), second.teamId()));

        given().auth().oauth2(owner).delete(BASE).then().statusCode(204);
        given().auth().oauth2(owner).get(BASE).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("slack-not-installed"));
        assertEquals(1, slack().revocations(second.botToken()));
        assertEquals(0, installed(org));
        assertEquals(List.of(), DatabaseScan.columnsContaining(db, second.botToken()), "the token is gone");
        assertEquals(1, count(db, "select count(*) from audit_trail where org_id = ? and action = 'CONNECTION_UNLINKED'"
                + " and actor_user_id = ? and before ->> 'workspaceId' = ? and after is null", org, ownerId, second.teamId()));
        // once more: nothing there, nothing revoked, nothing audited
        given().auth().oauth2(owner).delete(BASE).then().statusCode(204);
        assertEquals(1, slack().revocations(second.botToken()));
        assertEquals(1, count(db, "select count(*) from audit_trail where org_id = ? and action = 'CONNECTION_UNLINKED'", org));

        // no mention after an uninstall
        String member = memberId();
        assertEquals("slack-not-installed", book(org, host(org, member))[1]);
    }

    @Test
    @DisplayName("INT-10: a workspace serves one organization: another organization's install of it is refused 409 and changes nothing")
    void workspaceServesOneOrganization() throws Exception {
        UUID acme = organization(db, "Acme");
        Workspace workspace = installSlack(acme);
        UUID globex = organization(db, "Globex");
        String globexOwner = owner(globex, UUID.randomUUID());
        String code = "slack-" + UUID.randomUUID();
        slack().grantCode(code, workspace);
        complete(globexOwner, code, start(globexOwner)).statusCode(409).body("code", equalTo("slack-workspace-in-use"))
                .body("detail", containsString(workspace.teamName()));
        assertEquals(0, installed(globex));
        assertEquals(0, slack().revocations(workspace.botToken()), "Acme's token untouched");
    }

    @Test
    @DisplayName("INT-10: only OWNERs: MANAGER and MEMBER 403 on every endpoint; another organization's OWNER sees and removes only its own (404)")
    void onlyOwnersOfTheOrganization() throws Exception {
        UUID org = organization(db, "Acme");
        Workspace workspace = installSlack(org);
        for (String role : List.of("manager", "member", "restricted")) {
            String token = TestTokens.user(org, UUID.randomUUID(), role);
            given().auth().oauth2(token).get(BASE).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).post(BASE + "/authorization").then().statusCode(403);
            given().auth().oauth2(token).contentType("application/json").body("{\"code\":\"c\",\"state\":\"s\"}").put(BASE)
                    .then().statusCode(403);
            given().auth().oauth2(token).delete(BASE).then().statusCode(403);
        }
        UUID other = organization(db, "Other");
        String otherOwner = owner(other, UUID.randomUUID());
        given().auth().oauth2(otherOwner).get(BASE).then().statusCode(404).body("code", equalTo("slack-not-installed"));
        given().auth().oauth2(otherOwner).delete(BASE).then().statusCode(204);
        given().auth().oauth2(owner(org, UUID.randomUUID())).get(BASE).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("workspaceId", equalTo(workspace.teamId()));
        assertEquals(0, slack().revocations(workspace.botToken()));
        assertEquals(0, count(db, "select count(*) from oauth_state where org_id = ? and purpose = 'SLACK'", other));
    }

    @Test
    @DisplayName("INT-10: bad input to the install is a 400 problem naming the field; nothing changes")
    void badInputNamesTheField() throws Exception {
        UUID org = organization(db, "Acme");
        String owner = owner(org, UUID.randomUUID());
        String state = start(owner);
        for (String body : List.of("{\"state\":\"" + state + "\"}", "{\"code\":\"\",\"state\":\"" + state + "\"}",
                "{\"code\":\"" + "x".repeat(2049) + "\",\"state\":\"" + state + "\"}")) {
            given().auth().oauth2(owner).contentType("application/json").body(body).put(BASE).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("validation-failed"))
                    .body("errors.field", hasItem(containsString("code")));
        }
        given().auth().oauth2(owner).contentType("application/json").body("{\"code\":\"c\"}").put(BASE).then()
                .statusCode(400).body("errors.field", hasItem(containsString("state")));
        given().auth().oauth2(owner).contentType("application/json")
                .body("{\"code\":\"c\",\"state\":\"" + state + "\",\"botToken\":\"xoxb-mine\"}").put(BASE).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(owner).contentType("application/json").body("{\"code\":").put(BASE).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(owner).contentType("application/json").put(BASE).then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, installed(org));
        assertEquals(1, count(db, "select count(*) from oauth_state where org_id = ? and used_at is null", org),
                "the state is still unused");
    }
}
