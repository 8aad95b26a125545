package dev.kaigi.integration;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.crypto.SecretCipher;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.ZoomSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organization;
import static dev.kaigi.integration.Fixtures.query;
import static dev.kaigi.integration.Fixtures.startZoomAuthorization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT-01: linking a user's Zoom account through OAuth against the Zoom simulator. */
@QuarkusTest
@QuarkusTestResource(ProviderSimulators.class)
class ZoomConnectionTest {

    @Inject
    AgroalDataSource db;
    @Inject
    SecretCipher cipher;

    private static String token(UUID org, UUID user, String... roles) {
        return TestTokens.user(org, user, roles.length == 0 ? new String[] {"member"} : roles);
    }

    @Test
    @DisplayName("INT-01: connect, show the linked email, zoom-linked published; tokens never in the API, encrypted in the DB")
    void connectShowsEmailAndKeepsTokensEncrypted() throws Exception {
        UUID org = organization(db, "Acme");
        UUID user = activeUser(db, org, "taro@acme.test", null, null, null);

        String authorizeUrl = given().auth().oauth2(token(org, user))
                .post("/api/v1/users/{id}/zoom-connection/authorization", user)
                .then().statusCode(200).extract().path("authorizeUrl");
        assertTrue(authorizeUrl.startsWith(ProviderSimulators.zoom().url() + "/oauth/authorize?response_type=code"));
        assertEquals(ZoomSimulator.CLIENT_ID, query(authorizeUrl, "client_id"));
        assertEquals("https://app.kaigi.test/integrations/zoom/callback", query(authorizeUrl, "redirect_uri"));
        String state = query(authorizeUrl, "state");
        assertTrue(state.length() >= 40, "state has 256 random bits");

        String access = "access-" + UUID.randomUUID();
        String refresh = "refresh-" + UUID.randomUUID();
        ProviderSimulators.zoom().grantCode("good-code-" + user, access, refresh);
        ProviderSimulators.zoom().user(access, "zoom-" + user, "taro.zoom@acme.test");
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            String body = given().auth().oauth2(token(org, user)).contentType("application/json")
                    .body("{\"code\":\"good-code-" + user + "\",\"state\":\"" + state + "\"}")
                    .put("/api/v1/users/{id}/zoom-connection", user)
                    .then().statusCode(200)
                    .body("zoomEmail", equalTo("taro.zoom@acme.test"))
                    .body("userId", equalTo(user.toString()))
                    .body("relinkRequired", equalTo(false))
                    .extract().asString();
            assertFalse(body.contains(access) || body.contains(refresh), "no token in the answer");
            ReceivedEvent linked = probe.await(EventTypes.ZOOM_LINKED, user.toString(), Duration.ofSeconds(30));
            assertEquals("zoom-" + user, linked.data().get("zoomAccountId").asText());
            assertFalse(linked.data().toString().contains(access), "no token in the event");
        }
        given().auth().oauth2(token(org, user)).get("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(200).body("zoomEmail", equalTo("taro.zoom@acme.test"))
                .body(not(containsString(access))).body(not(containsString(refresh)));

        // the columns hold AES-GCM ciphertexts bound to the row, not the tokens
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select access_token_enc, refresh_token_enc from zoom_connection where user_id = ?")) {
            ps.setObject(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                byte[] storedAccess = rs.getBytes(1);
                byte[] storedRefresh = rs.getBytes(2);
                assertFalse(new String(storedAccess, StandardCharsets.ISO_8859_1).contains(access));
                assertFalse(new String(storedRefresh, StandardCharsets.ISO_8859_1).contains(refresh));
                assertEquals(access, cipher.decrypt(storedAccess, "zoom_connection/access/" + user));
                assertEquals(refresh, cipher.decrypt(storedRefresh, "zoom_connection/refresh/" + user));
            }
        }

        // the state was single use
        given().auth().oauth2(token(org, user)).contentType("application/json")
                .body("{\"code\":\"good-code-" + user + "\",\"state\":\"" + state + "\"}")
                .put("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("zoom-state-invalid"));
    }

    @Test
    @DisplayName("INT-01: one Zoom account linked by a second user → 409 zoom-account-in-use; re-link and disconnect")
    void oneZoomAccountOneUser() throws Exception {
        UUID org = organization(db, "Acme");
        UUID first = activeUser(db, org, "first@acme.test", null, null, null);
        UUID second = activeUser(db, org, "second@acme.test", null, null, null);
        UUID otherOrg = organization(db, "Other");
        UUID stranger = activeUser(db, otherOrg, "stranger@other.test", null, null, null);
        String zoomUser = "zoom-shared-" + UUID.randomUUID();
        linkZoom(org, first, zoomUser, "shared@acme.test", "a1-" + first, "r1-" + first);

        // the same Zoom account, through the second user's own authorization, in this and another organization
        for (UUID[] who : new UUID[][] {{org, second}, {otherOrg, stranger}}) {
            String state = startZoomAuthorization(who[0], who[1]);
            String access = "a-" + who[1];
            ProviderSimulators.zoom().grantCode("c-" + who[1], access, "r-" + who[1]);
            ProviderSimulators.zoom().user(access, zoomUser, "shared@acme.test");
            given().auth().oauth2(token(who[0], who[1])).contentType("application/json")
                    .body("{\"code\":\"c-" + who[1] + "\",\"state\":\"" + state + "\"}")
                    .put("/api/v1/users/{id}/zoom-connection", who[1])
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("zoom-account-in-use"));
            given().auth().oauth2(token(who[0], who[1])).get("/api/v1/users/{id}/zoom-connection", who[1])
                    .then().statusCode(404).body("code", equalTo("zoom-not-connected"));
        }

        // re-link the first user with another Zoom account
        linkZoom(org, first, "zoom-other-" + first, "other@acme.test", "a2-" + first, "r2-" + first);
        given().auth().oauth2(token(org, first)).get("/api/v1/users/{id}/zoom-connection", first)
                .then().statusCode(200).body("zoomEmail", equalTo("other@acme.test"));
        // now the first account is free for the second user
        linkZoom(org, second, zoomUser, "shared@acme.test", "a3-" + second, "r3-" + second);

        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            given().auth().oauth2(token(org, first)).delete("/api/v1/users/{id}/zoom-connection", first)
                    .then().statusCode(204);
            probe.await(EventTypes.ZOOM_UNLINKED, first.toString(), Duration.ofSeconds(30));
        }
        given().auth().oauth2(token(org, first)).get("/api/v1/users/{id}/zoom-connection", first)
                .then().statusCode(404).body("code", equalTo("zoom-not-connected"));
        Await.until("token revoked at Zoom", () -> !ProviderSimulators.zoom().server().findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/oauth/revoke"))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("a2-" + first)))
                .isEmpty());
    }

    @Test
    @DisplayName("INT-01: bad state or code → 400, Zoom away → 503, garbage from Zoom → 502; nothing stored")
    void badInputAndProviderFailures() throws Exception {
        UUID org = organization(db, "Acme");
        UUID user = activeUser(db, org, "bad@acme.test", null, null, null);
        UUID other = activeUser(db, org, "other@acme.test", null, null, null);

        // a state of another user, an unknown state
        String othersState = startZoomAuthorization(org, other);
        ProviderSimulators.zoom().grantCode("code-x-" + user, "ax-" + user, "rx-" + user);
        ProviderSimulators.zoom().user("ax-" + user, "zoom-x-" + user, "x@acme.test");
        for (String state : new String[] {othersState, "made-up-state"}) {
            complete(org, user, "code-x-" + user, state).then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("zoom-state-invalid"));
        }
        // a code Zoom does not know (invalid_grant)
        complete(org, user, "unknown-code", startZoomAuthorization(org, user)).then().statusCode(400)
                .body("code", equalTo("zoom-authorization-invalid"));
        // an empty code is refused before Zoom is asked
        complete(org, user, "", startZoomAuthorization(org, user)).then().statusCode(400)
                .body("code", equalTo("validation-failed"));

        // Zoom's user endpoint away: 503 with a problem code; the state stays usable, nothing is stored
        String state = startZoomAuthorization(org, user);
        var down = ProviderSimulators.zoom().server().stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v2/users/me"))
                        .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(503).withBody("<html>upstream down</html>")));
        try {
            complete(org, user, "code-x-" + user, state).then().statusCode(503)
                    .contentType("application/problem+json").body("code", equalTo("provider-unavailable"))
                    .body(not(containsString("upstream down")));
        } finally {
            ProviderSimulators.zoom().remove(down);
        }
        assertEquals(0, Fixtures.count(db, "select count(*) from zoom_connection where user_id = ?", user));

        // garbage where JSON was expected: 502
        var garbage = ProviderSimulators.zoom().server().stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.get(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v2/users/me"))
                        .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(200).withBody("not json")));
        try {
            complete(org, user, "code-x-" + user, state).then().statusCode(502).body("code", equalTo("provider-error"));
        } finally {
            ProviderSimulators.zoom().remove(garbage);
        }
        assertEquals(0, Fixtures.count(db, "select count(*) from zoom_connection where user_id = ?", user));

        // Zoom back: the same state completes
        complete(org, user, "code-x-" + user, state).then().statusCode(200).body("zoomEmail", equalTo("x@acme.test"));
    }

    @Test
    @DisplayName("INT-01, ORG-01: only the user manages their link; an OWNER may read it; other organizations get 404")
    void rolesAndTenancy() throws Exception {
        UUID org = organization(db, "Acme");
        UUID user = activeUser(db, org, "self@acme.test", null, null, null);
        UUID colleague = activeUser(db, org, "colleague@acme.test", null, null, null);
        UUID owner = activeUser(db, org, "owner@acme.test", null, null, null);
        UUID otherOrg = organization(db, "Other");
        UUID foreignOwner = activeUser(db, otherOrg, "owner@other.test", null, null, null);
        linkZoom(org, user, "zoom-self-" + user, "self.zoom@acme.test", "as-" + user, "rs-" + user);

        String body = "{\"code\":\"c\",\"state\":\"s\"}";
        // a colleague of any role and the OWNER cannot start, complete or remove someone else's link
        for (String[] roles : new String[][] {{"member"}, {"manager"}, {"owner"}, {"owner", "super_admin"}}) {
            UUID caller = roles[0].equals("owner") ? owner : colleague;
            given().auth().oauth2(token(org, caller, roles)).post("/api/v1/users/{id}/zoom-connection/authorization", user)
                    .then().statusCode(403).body("code", equalTo("forbidden"));
            given().auth().oauth2(token(org, caller, roles)).contentType("application/json").body(body)
                    .put("/api/v1/users/{id}/zoom-connection", user).then().statusCode(403);
            given().auth().oauth2(token(org, caller, roles)).delete("/api/v1/users/{id}/zoom-connection", user)
                    .then().statusCode(403);
        }
        given().auth().oauth2(token(org, colleague, "manager")).get("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(403);
        given().auth().oauth2(token(org, owner, "owner")).get("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(200).body("zoomEmail", equalTo("self.zoom@acme.test"));

        // another organization's OWNER: the user does not exist for them, on every endpoint
        String foreign = token(otherOrg, foreignOwner, "owner", "super_admin");
        given().auth().oauth2(foreign).get("/api/v1/users/{id}/zoom-connection", user).then().statusCode(404)
                .body("code", equalTo("not-found"));
        given().auth().oauth2(foreign).post("/api/v1/users/{id}/zoom-connection/authorization", user)
                .then().statusCode(404);
        given().auth().oauth2(foreign).contentType("application/json").body(body)
                .put("/api/v1/users/{id}/zoom-connection", user).then().statusCode(404);
        given().auth().oauth2(foreign).delete("/api/v1/users/{id}/zoom-connection", user).then().statusCode(404);
        // a token claiming the user's id but another organization does not reach their link either
        given().auth().oauth2(token(otherOrg, user)).get("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(401).body("code", equalTo("token-revoked"));
        // without a token
        given().get("/api/v1/users/{id}/zoom-connection", user).then().statusCode(401);
        assertEquals(1, Fixtures.count(db, "select count(*) from zoom_connection where user_id = ?", user));

        // LIF-01: a deactivated user's still-valid token is refused at once
        TestEvents.publish(new UserDeactivated(org, user, UserType.REGULAR, owner, DeactivationReason.ADMIN));
        Await.until("deactivation applied", () -> Fixtures.count(db,
                "select count(*) from user_profile where user_id = ? and status = 'DEACTIVATED'", user) == 1);
        given().auth().oauth2(token(org, user)).get("/api/v1/users/{id}/zoom-connection", user)
                .then().statusCode(401).body("code", equalTo("token-revoked"));
    }

    private static io.restassured.response.Response complete(UUID org, UUID user, String code, String state) {
        return given().auth().oauth2(token(org, user)).contentType("application/json")
                .body("{\"code\":\"" + code + "\",\"state\":\"" + state + "\"}")
                .put("/api/v1/users/{id}/zoom-connection", user);
    }
}
