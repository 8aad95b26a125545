package dev.kaigi.integration;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.SlackSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Plays user-service (users through their events) and a user's browser (the Zoom OAuth round trip). */
final class Fixtures {

    private Fixtures() {
    }

    static UUID organization(DataSource db, String name) {
        UUID org = UUID.randomUUID();
        TestEvents.publish(new OrganizationCreated(org, name, UUID.randomUUID(), "admin@" + org + ".test", "Asia/Tokyo"));
        Await.until("organization " + org, () -> count(db, "select count(*) from organization where org_id = ?", org) == 1,
                Duration.ofSeconds(60));
        return org;
    }

    /** An organization that installed Kaigi's Slack app into a workspace of its own (INT-10), so its hosts are mentioned. */
    static UUID organizationWithSlack(DataSource db, String name) {
        UUID org = organization(db, name);
        installSlack(org);
        return org;
    }

    /** The customer-facing contact (USR-08) of every user the fixtures announce. */
    static final String CONTACT = "営業窓口 03-1234-5678";

    /** An active user as user-service announces them, with {@link #CONTACT}; waits until the read model has them. */
    static UUID activeUser(DataSource db, UUID org, String email, String slackMemberId, String zoomPersonalUrl,
                           String signature) {
        return activeUser(db, org, email, Role.MEMBER, slackMemberId, zoomPersonalUrl, signature);
    }

    static UUID activeUser(DataSource db, UUID org, String email, Role role) {
        return activeUser(db, org, email, role, null, null, null);
    }

    private static UUID activeUser(DataSource db, UUID org, String email, Role role, String slackMemberId,
                                   String zoomPersonalUrl, String signature) {
        UUID user = UUID.randomUUID();
        TestEvents.publish(new UserJoined(org, user, email, "山田", "太郎", role, UserType.REGULAR,
                UserStatus.ACTIVE, JoinedVia.INVITATION_ACCEPTED, slackMemberId, zoomPersonalUrl, signature, CONTACT));
        Await.until("user " + user + " in the read model",
                () -> count(db, "select count(*) from user_profile where user_id = ? and status = 'ACTIVE'", user) == 1,
                Duration.ofSeconds(60));
        return user;
    }

    /** The user links Zoom through the API: start, "sign in at Zoom", hand code and state back. */
    static void linkZoom(UUID org, UUID user, String zoomUserId, String zoomEmail, String accessToken,
                         String refreshToken) {
        String state = startZoomAuthorization(org, user);
        String code = "code-" + UUID.randomUUID();
        ProviderSimulators.zoom().grantCode(code, accessToken, refreshToken);
        ProviderSimulators.zoom().user(accessToken, zoomUserId, zoomEmail);
        given().auth().oauth2(TestTokens.user(org, user, "member")).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + state + "\"}")
                .put("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(200);
    }

    /** An OWNER connects the organization's Salesforce through the API; the simulator's org holds {@code data}. */
    static void connectSalesforce(UUID org, UUID owner, String sfOrgId, String access, String refresh,
                                  Map<String, Integer> data) {
        String url = given().auth().oauth2(TestTokens.user(org, owner, "owner"))
                .post("/api/v1/organization/salesforce-connection/authorization")
                .then().statusCode(200).extract().path("authorizeUrl");
        String code = "sf-code-" + UUID.randomUUID();
        ProviderSimulators.salesforce().grantCode(code, access, refresh, sfOrgId, "admin@" + sfOrgId + ".test", data);
        given().auth().oauth2(TestTokens.user(org, owner, "owner")).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + query(url, "state") + "\"}")
                .put("/api/v1/organization/salesforce-connection")
                .then().statusCode(200);
    }

    /**
     * An OWNER installs Kaigi's Slack app into a workspace of the organization's own (INT-10) through the API: start,
     * "allow at Slack", hand code and state back. The OWNER need not be a user known here.
     */
    static SlackSimulator.Workspace installSlack(UUID org) {
        SlackSimulator.Workspace workspace = SlackSimulator.Workspace.fresh("Workspace of " + org);
        String owner = TestTokens.user(org, UUID.randomUUID(), "owner");
        String url = given().auth().oauth2(owner).post("/api/v1/organization/slack-installation/authorization")
                .then().statusCode(200).extract().path("authorizeUrl");
        String code = "slack-code-" + UUID.randomUUID();
        ProviderSimulators.slack().grantCode(code, workspace);
        given().auth().oauth2(owner).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + query(url, "state") + "\"}")
                .put("/api/v1/organization/slack-installation")
                .then().statusCode(200);
        return workspace;
    }

    /** The user links a calendar ({@code google} or {@code microsoft}) through the API; returns the answer's account email. */
    static String linkCalendar(UUID org, UUID user, String provider, String access, String refresh, String email) {
        String state = startCalendarAuthorization(org, user, provider);
        String code = "cal-code-" + UUID.randomUUID();
        ProviderSimulators.calendar().grantCode(provider, code, access, refresh, email);
        return given().auth().oauth2(TestTokens.user(org, user, "member")).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + state + "\"}")
                .put("/api/v1/users/{id}/calendar-connection", user)
                .then().statusCode(200).extract().path("accountEmail");
    }

    static String startCalendarAuthorization(UUID org, UUID user, String provider) {
        String url = given().auth().oauth2(TestTokens.user(org, user, "member")).contentType("application/json")
                .body("{\"provider\":\"" + provider.toUpperCase(java.util.Locale.ROOT) + "\"}")
                .post("/api/v1/users/{id}/calendar-connection/authorization", user)
                .then().statusCode(200).extract().path("authorizeUrl");
        return query(url, "state");
    }

    static String startZoomAuthorization(UUID org, UUID user) {
        String url = given().auth().oauth2(TestTokens.user(org, user, "member"))
                .post("/api/v1/users/{id}/zoom-connection/authorization", user)
                .then().statusCode(200).extract().path("authorizeUrl");
        return query(url, "state");
    }

    static String query(String url, String name) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .filter(p -> p.startsWith(name + "="))
                .map(p -> URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8))
                .findFirst().orElseThrow();
    }

    /** Publishes a lifecycle event of the user and waits until the read model shows {@code status}. */
    static void lifecycle(DataSource db, dev.kaigi.events.EventPayload event, UUID user, String status) {
        TestEvents.publish(event);
        Await.until("user " + user + " " + status, () -> count(db,
                "select count(*) from user_profile where user_id = ? and status = ?", user, status) == 1, Duration.ofSeconds(60));
    }

    static long count(DataSource db, String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
