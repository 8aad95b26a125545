package dev.kaigi.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.crypto.SecretCipher;
import dev.kaigi.integration.salesforce.SalesforceSyncJob;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.SalesforceSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.connectSalesforce;
import static dev.kaigi.integration.Fixtures.organization;
import static dev.kaigi.integration.Fixtures.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT-03, SCH-04: the organization's Salesforce connection and the open-opportunity sync, against the Salesforce simulator. */
@QuarkusTest
class SalesforceConnectionTest {

    private static final String BASE = "/api/v1/organization/salesforce-connection";

    @Inject
    AgroalDataSource db;
    @Inject
    SecretCipher cipher;
    @Inject
    SalesforceSyncJob job;

    /** A connected organization; {@code data} is the simulator's live data set of its Salesforce organization. */
    private record Org(UUID id, UUID owner, String access, String refresh, String sfOrgId, Map<String, Integer> data) {
    }

    private Org connected(Map<String, Integer> initial) throws Exception {
        Map<String, Integer> data = SalesforceSimulator.organization(initial);
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, "owner-" + UUID.randomUUID() + "@acme.test", null, null, null);
        String sfOrgId = "00D" + Math.abs(ThreadLocalRandom.current().nextLong() % 1_000_000_000L);
        String access = "sf-access-" + UUID.randomUUID();
        String refresh = "sf-refresh-" + UUID.randomUUID();
        connectSalesforce(org, owner, sfOrgId, access, refresh, data);
        return new Org(org, owner, access, refresh, sfOrgId, data);
    }

    private static String owner(Org org) {
        return TestTokens.user(org.id(), org.owner(), "owner");
    }

    private static Map<String, Integer> counts(ReceivedEvent event) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode c : event.data().get("counts")) {
            counts.put(c.get("ownerEmail").asText(), c.get("openOpportunities").asInt());
        }
        return counts;
    }

    @Test
    @DisplayName("INT-03: an OWNER connects Salesforce (state + code), the link shows the account, never a token; tokens encrypted; disconnect revokes")
    void connectShowDisconnect() throws Exception {
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, "owner@acme.test", null, null, null);
        String url = given().auth().oauth2(TestTokens.user(org, owner, "owner")).post(BASE + "/authorization")
                .then().statusCode(200).extract().path("authorizeUrl");
        assertTrue(url.startsWith(ProviderSimulators.salesforce().url() + "/services/oauth2/authorize?response_type=code"), url);
        assertEquals(SalesforceSimulator.CLIENT_ID, query(url, "client_id"));
        assertEquals("https://app.kaigi.test/integrations/salesforce/callback", query(url, "redirect_uri"));
        String state = query(url, "state");
        String access = "sf-a-" + UUID.randomUUID();
        String refresh = "sf-r-" + UUID.randomUUID();
        ProviderSimulators.salesforce().grantCode("sf-good-" + org, access, refresh, "00DACME", "sf.admin@acme.test",
                SalesforceSimulator.organization(Map.of()));

        String body = given().auth().oauth2(TestTokens.user(org, owner, "owner")).contentType("application/json")
                .body("{\"code\":\"sf-good-" + org + "\",\"state\":\"" + state + "\"}").put(BASE)
                .then().statusCode(200)
                .body("accountEmail", equalTo("sf.admin@acme.test"))
                .body("salesforceOrganizationId", equalTo("00DACME"))
                .body("instanceUrl", equalTo(ProviderSimulators.salesforce().url()))
                .body("linkedBy", equalTo(owner.toString()))
                .body("relinkRequired", equalTo(false))
                .body("lastSyncedAt", nullValue())
                .extract().asString();
        assertFalse(body.contains(access) || body.contains(refresh), body);
        given().auth().oauth2(TestTokens.user(org, owner, "owner")).get(BASE).then().statusCode(200)
                .body("accountEmail", equalTo("sf.admin@acme.test")).body(not(containsString(access)));

        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, access_token_enc, refresh_token_enc from oauth_connection where org_id = ? and provider = 'SALESFORCE'")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                UUID id = rs.getObject(1, UUID.class);
                assertFalse(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1).contains(access));
                assertEquals(access, cipher.decrypt(rs.getBytes(2), "oauth_connection/access/" + id));
                assertEquals(refresh, cipher.decrypt(rs.getBytes(3), "oauth_connection/refresh/" + id));
            }
        }
        // the state was single use
        given().auth().oauth2(TestTokens.user(org, owner, "owner")).contentType("application/json")
                .body("{\"code\":\"sf-good-" + org + "\",\"state\":\"" + state + "\"}").put(BASE)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("oauth-state-invalid"));

        given().auth().oauth2(TestTokens.user(org, owner, "owner")).delete(BASE).then().statusCode(204);
        given().auth().oauth2(TestTokens.user(org, owner, "owner")).get(BASE).then().statusCode(404)
                .body("code", equalTo("salesforce-not-connected"));
        Await.until("grant revoked at Salesforce", () -> ProviderSimulators.salesforce().revocations(refresh).size() == 1);
        given().auth().oauth2(TestTokens.user(org, owner, "owner")).post(BASE + "/sync").then().statusCode(404)
                .body("code", equalTo("salesforce-not-connected"));
    }

    @Test
    @DisplayName("INT-03, SCH-04: sync on demand publishes open-opportunity counts per user email, asked in batches of owner emails")
    void syncPublishesCountsPerUser() throws Exception {
        Org org = connected(Map.of());
        // five active users (batch size 2 in tests: three queries), one deactivated, one with odd characters
        String a = "a-" + org.id() + "@acme.test";
        String b = "B.Mixed-" + org.id() + "@Acme.test";
        String c = "c-" + org.id() + "@acme.test";
        String d = "o'neil-" + org.id() + "@acme.test";
        String gone = "gone-" + org.id() + "@acme.test";
        for (String email : List.of(a, b, c, d, gone)) {
            activeUser(db, org.id(), email, null, null, null);
        }
        UUID goneUser = activeUser(db, org.id(), "gone2-" + org.id() + "@acme.test", null, null, null);
        TestEvents.publish(new UserDeactivated(org.id(), goneUser, UserType.REGULAR, org.owner(), DeactivationReason.ADMIN));
        Await.until("deactivated", () -> Fixtures.count(db,
                "select count(*) from user_profile where user_id = ? and status = 'DEACTIVATED'", goneUser) == 1);
        org.data().putAll(SalesforceSimulator.organization(Map.of(a, 3, b, 7, d, 1, "gone2-" + org.id() + "@acme.test", 9,
                "not-a-user@acme.test", 4)));

        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(200)
                    .body("usersAsked", equalTo(6)).body("queries", equalTo(3))
                    .body("ownersWithOpenOpportunities", equalTo(3));
            ReceivedEvent synced = probe.await(EventTypes.OPPORTUNITY_COUNTS_SYNCED, org.id().toString(), Duration.ofSeconds(30));
            // c and the owner have none (absent means zero); the deactivated user and non-users are not published
            assertEquals(Map.of(a, 3, b, 7, d, 1), counts(synced));
            assertEquals(org.id().toString(), synced.data().get("orgId").asText());
        }
        List<String> soql = ProviderSimulators.salesforce().queries(org.access());
        assertEquals(3, soql.size());
        assertTrue(soql.stream().allMatch(q -> q.startsWith("SELECT Owner.Email, COUNT(Id) FROM Opportunity WHERE IsClosed = false"
                + " AND Owner.Email IN (") && q.endsWith(") GROUP BY Owner.Email")), soql.toString());
        assertTrue(soql.stream().anyMatch(q -> q.contains("'o\\'neil-")), "quotes escaped: " + soql);
        assertFalse(soql.stream().anyMatch(q -> q.contains("gone2-")), "deactivated users are not asked for");
        given().auth().oauth2(owner(org)).get(BASE).then().statusCode(200).body("lastSyncOutcome", equalTo("ok"))
                .body("lastSyncedAt", not(nullValue()));
    }

    @Test
    @DisplayName("SCH-04: an expired session is refreshed and the query retried; a revoked grant → 409 salesforce-relink-required")
    void expiredSessionAndRevokedGrant() throws Exception {
        Org org = connected(new HashMap<>(Map.of("x-" + UUID.randomUUID() + "@acme.test", 2)));
        String renewed = "sf-renewed-" + org.id();
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            ProviderSimulators.salesforce().expire(org.access(), org.refresh(), renewed, org.sfOrgId());
            given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(200).body("queries", equalTo(1));
            assertEquals(1, ProviderSimulators.salesforce().queries(org.access()).size(), "the stale token was tried once");
            assertEquals(1, ProviderSimulators.salesforce().queries(renewed).size());
            // the refresh token was kept (Salesforce sends none on a refresh): a second expiry refreshes again
            ProviderSimulators.salesforce().expire(renewed, org.refresh(), renewed + "-2", org.sfOrgId());
            given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(200);
            // both syncs' counts are out before the refused one, so what comes after can only be the refused one's
            Predicate<ReceivedEvent> synced = e -> org.id().toString().equals(e.key());
            probe.awaitCount(synced, 2, Duration.ofSeconds(30));

            // revoked at Salesforce: the refresh is refused, the link must be renewed
            ProviderSimulators.salesforce().revokeGrant(renewed + "-2", org.refresh());
            given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(409)
                    .contentType("application/problem+json").body("code", equalTo("salesforce-relink-required"));
            assertEquals(2, probe.drain(Duration.ofMillis(500)).stream().filter(synced).count(), "nothing published");
        }
        given().auth().oauth2(owner(org)).get(BASE).then().statusCode(200).body("relinkRequired", equalTo(true));
        given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(409);
    }

    @Test
    @DisplayName("INT-03: Salesforce 429 (Retry-After) or 5xx → 503 provider-unavailable, garbage → 502 provider-error, a refused query → 502; nothing published, never a 500")
    void providerFailures() throws Exception {
        Org org = connected(new HashMap<>());
        activeUser(db, org.id(), "f-" + org.id() + "@acme.test", null, null, null);
        // refusals first: outages open the circuit breaker for a moment, which answers 503 too
        String[][] cases = {
                {"200", "<html>not json</html>", "502", "provider-error"},
                {"200", "{\"totalSize\":1,\"done\":true,\"records\":[{\"Email\":\"a@b\"}]}", "502", "provider-error"},
                {"400", "[{\"message\":\"bad\",\"errorCode\":\"MALFORMED_QUERY\"}]", "502", "provider-error"},
                {"429", "[{\"message\":\"rate\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", "503", "provider-unavailable"},
                {"403", "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", "503", "provider-unavailable"},
                {"503", "<html>maintenance</html>", "503", "provider-unavailable"},
        };
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            for (String[] c : cases) {
                StubMapping stub = ProviderSimulators.salesforce().queriesAnswer(Integer.parseInt(c[0]), c[1]);
                try {
                    given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(Integer.parseInt(c[2]))
                            .contentType("application/problem+json").body("code", equalTo(c[3]))
                            .body("detail", containsString("Salesforce"))
                            .body(not(containsString("maintenance"))).body(not(containsString("errorCode")));
                } finally {
                    ProviderSimulators.salesforce().remove(stub);
                }
            }
            assertTrue(probe.drain(Duration.ofMillis(500)).stream()
                    .noneMatch(e -> org.id().toString().equals(e.key())), "nothing published");
        }
        given().auth().oauth2(owner(org)).get(BASE).then().statusCode(200)
                .body("lastSyncOutcome", equalTo("provider-unavailable"));
        Thread.sleep(400); // the circuit breaker's delay in tests
        given().auth().oauth2(owner(org)).post(BASE + "/sync").then().statusCode(200);
        given().auth().oauth2(owner(org)).get(BASE).then().statusCode(200).body("lastSyncOutcome", equalTo("ok"));
    }

    @Test
    @DisplayName("SCH-04: the daily job syncs every connected organization once a day, whichever instance runs it")
    void dailyJob() throws Exception {
        String email = "daily-" + UUID.randomUUID() + "@acme.test";
        Org org = connected(new HashMap<>(Map.of(email, 5)));
        activeUser(db, org.id(), email, null, null, null);
        LocalDate day = LocalDate.of(2100, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(10_000));
        try (EventProbe probe = EventProbe.open(Topics.INTEGRATION)) {
            assertTrue(job.runFor(day) >= 1);
            ReceivedEvent synced = probe.await(EventTypes.OPPORTUNITY_COUNTS_SYNCED, org.id().toString(), Duration.ofSeconds(30));
            assertEquals(Map.of(email, 5), counts(synced));
        }
        assertEquals(1, ProviderSimulators.salesforce().queries(org.access()).size());
        job.runFor(day); // a second run that day (another instance, a restart) reads nothing again
        assertEquals(1, ProviderSimulators.salesforce().queries(org.access()).size());
        job.runFor(day.plusDays(1));
        assertEquals(2, ProviderSimulators.salesforce().queries(org.access()).size());
    }

    @Test
    @DisplayName("INT-03, ORG-01: OWNERs only on every endpoint; bad state or code → 400; another organization sees 404 and cannot use our state")
    void rolesTenancyAndBadInput() throws Exception {
        Org org = connected(new HashMap<>());
        UUID member = activeUser(db, org.id(), "m-" + org.id() + "@acme.test", null, null, null);
        for (String role : new String[] {"manager", "member", "restricted"}) {
            String token = TestTokens.user(org.id(), member, role);
            given().auth().oauth2(token).post(BASE + "/authorization").then().statusCode(403).body("code", equalTo("forbidden"));
            given().auth().oauth2(token).contentType("application/json").body("{\"code\":\"c\",\"state\":\"s\"}").put(BASE)
                    .then().statusCode(403);
            given().auth().oauth2(token).get(BASE).then().statusCode(403);
            given().auth().oauth2(token).delete(BASE).then().statusCode(403);
            given().auth().oauth2(token).post(BASE + "/sync").then().statusCode(403);
        }
        given().post(BASE + "/sync").then().statusCode(401);

        // another organization's OWNER: nothing of ours is visible, our state is not theirs, our link stays
        UUID other = organization(db, "Other");
        UUID foreignOwner = activeUser(db, other, "owner@other.test", null, null, null);
        String foreign = TestTokens.user(other, foreignOwner, "owner", "super_admin");
        given().auth().oauth2(foreign).get(BASE).then().statusCode(404).body("code", equalTo("salesforce-not-connected"));
        given().auth().oauth2(foreign).post(BASE + "/sync").then().statusCode(404);
        given().auth().oauth2(foreign).delete(BASE).then().statusCode(204);
        String ourState = query(given().auth().oauth2(owner(org)).post(BASE + "/authorization").then().statusCode(200)
                .extract().path("authorizeUrl"), "state");
        ProviderSimulators.salesforce().grantCode("sf-stolen-" + other, "sf-x-" + other, "sf-y-" + other, "00DX", "x@other.test",
                SalesforceSimulator.organization(Map.of()));
        given().auth().oauth2(foreign).contentType("application/json")
                .body("{\"code\":\"sf-stolen-" + other + "\",\"state\":\"" + ourState + "\"}").put(BASE)
                .then().statusCode(400).body("code", equalTo("oauth-state-invalid"));
        // another OWNER of our organization did not start it either
        UUID secondOwner = activeUser(db, org.id(), "o2-" + org.id() + "@acme.test", null, null, null);
        given().auth().oauth2(TestTokens.user(org.id(), secondOwner, "owner")).contentType("application/json")
                .body("{\"code\":\"sf-stolen-" + other + "\",\"state\":\"" + ourState + "\"}").put(BASE)
                .then().statusCode(400).body("code", equalTo("oauth-state-invalid"));
        given().auth().oauth2(owner(org)).get(BASE).then().statusCode(200).body("salesforceOrganizationId", equalTo(org.sfOrgId()));

        // a code Salesforce does not know; an empty code; Salesforce away during the exchange: 503, state still usable
        given().auth().oauth2(owner(org)).contentType("application/json")
                .body("{\"code\":\"unknown\",\"state\":\"" + ourState + "\"}").put(BASE)
                .then().statusCode(400).body("code", equalTo("oauth-authorization-invalid"))
                .body("detail", containsString("Salesforce"));
        given().auth().oauth2(owner(org)).contentType("application/json")
                .body("{\"code\":\"\",\"state\":\"" + ourState + "\"}").put(BASE)
                .then().statusCode(400).body("code", equalTo("validation-failed"));
        StubMapping down = ProviderSimulators.salesforce().server().stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/services/oauth2/token")).atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(502)));
        try {
            given().auth().oauth2(owner(org)).contentType("application/json")
                    .body("{\"code\":\"sf-stolen-" + other + "\",\"state\":\"" + ourState + "\"}").put(BASE)
                    .then().statusCode(503).body("code", equalTo("provider-unavailable"));
        } finally {
            ProviderSimulators.salesforce().remove(down);
        }
        // re-connect with the same state once Salesforce is back: another Salesforce organization replaces ours
        given().auth().oauth2(owner(org)).contentType("application/json")
                .body("{\"code\":\"sf-stolen-" + other + "\",\"state\":\"" + ourState + "\"}").put(BASE)
                .then().statusCode(200).body("salesforceOrganizationId", equalTo("00DX"));
        Await.until("the replaced grant is revoked", () -> ProviderSimulators.salesforce().revocations(org.refresh()).size() == 1);
    }
}
