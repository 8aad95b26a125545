package dev.kaigi.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.SalesforceSimulator;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.connectSalesforce;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.organization;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIF-05: a deleted user's open Salesforce opportunities handed to the heir's Salesforce user, through the simulator. */
@QuarkusTest
class SalesforceOwnershipTransferTest {

    private static final String TRANSFERS = "/api/v1/organization/salesforce-connection/ownership-transfers";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    /** An organization with Salesforce connected, a user about to be deleted and their heir, both Salesforce users too. */
    private record Org(UUID id, UUID owner, UUID leaving, UUID heir, String access, String refresh,
                       SalesforceSimulator.Records records, String sfLeaving, String sfHeir) {

        String ownerToken() {
            return TestTokens.user(id, owner, "owner");
        }

        UserDeleted deletion() {
            return new UserDeleted(id, leaving, null, owner, new DeletionTransfers(owner, owner, heir, null));
        }
    }

    private Org org(boolean heirInSalesforce) throws Exception {
        UUID org = organization(db, "Acme");
        String domain = "@acme-" + org.toString().substring(0, 8) + ".test";
        UUID owner = activeUser(db, org, "owner" + domain, Role.OWNER);
        UUID leaving = activeUser(db, org, "Leaving" + domain, Role.MEMBER);
        UUID heir = activeUser(db, org, "heir" + domain, Role.MEMBER);
        String access = "sf-transfer-" + UUID.randomUUID();
        String refresh = "sf-transfer-refresh-" + UUID.randomUUID();
        connectSalesforce(org, owner, "00D" + org.toString().substring(0, 8), access, refresh, Map.of());
        SalesforceSimulator.Records records = ProviderSimulators.salesforce().records(access);
        String sfLeaving = records.user("leaving" + domain, true);
        String sfHeir = heirInSalesforce ? records.user("heir" + domain, true) : null;
        records.user("heir" + domain, false); // a deactivated namesake is never the heir
        return new Org(org, owner, leaving, heir, access, refresh, records, sfLeaving, sfHeir);
    }

    private List<String> open(Org o, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(o.records().opportunity("Deal " + i, o.sfLeaving(), false));
        }
        return ids;
    }

    private void awaitTransfer(Org o) {
        Await.until("the ownership transfer of " + o.leaving(), () -> count(db,
                "select count(*) from salesforce_ownership_transfer where deleted_user_id = ? and status <> 'IN_PROGRESS'",
                o.leaving()) == 1,
                Duration.ofSeconds(60));
    }

    @Test
    @DisplayName("LIF-05: user-deleted moves the open opportunities (paged query, 200 per update, allOrNone false) to the heir's Salesforce user; closed and others' stay; the OWNER reads the outcome; audited; redelivery moves nothing twice")
    void moved() throws Exception {
        Org o = org(true);
        o.records().pageSize = 90;
        List<String> open = open(o, 205);
        String closed = o.records().opportunity("Won deal", o.sfLeaving(), true);
        String others = o.records().opportunity("Someone else's", o.sfHeir(), false);

        UUID eventId = TestEvents.publish(o.deletion());
        awaitTransfer(o);
        for (String id : open) {
            assertEquals(o.sfHeir(), o.records().ownerOf(id), id);
        }
        assertEquals(o.sfLeaving(), o.records().ownerOf(closed));
        assertEquals(o.sfHeir(), o.records().ownerOf(others));
        List<String> updates = ProviderSimulators.salesforce().ownerUpdates(o.access());
        assertEquals(2, updates.size());
        JsonNode first = JSON.readTree(updates.get(0));
        assertEquals(false, first.get("allOrNone").asBoolean());
        assertEquals(200, first.get("records").size());
        assertEquals(5, JSON.readTree(updates.get(1)).get("records").size());
        JsonNode record = first.get("records").get(0);
        assertEquals("Opportunity", record.get("attributes").get("type").asText());
        assertEquals(open.get(0), record.get("id").asText());
        assertEquals(o.sfHeir(), record.get("OwnerId").asText());
        // the deleted user's email was read from the read model, which keeps it after the deletion; paged: 205 in 3 pages
        List<String> soql = ProviderSimulators.salesforce().queries(o.access());
        assertEquals("SELECT Id, Email FROM User WHERE Email IN ('leaving@acme-" + o.id().toString().substring(0, 8)
                + ".test','heir@acme-" + o.id().toString().substring(0, 8) + ".test') AND IsActive = true", soql.get(0));
        assertEquals("SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = '" + o.sfLeaving() + "'", soql.get(1));

        given().auth().oauth2(o.ownerToken()).get(TRANSFERS).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].deletedUserId", equalTo(o.leaving().toString())).body("[0].heirUserId", equalTo(o.heir().toString()))
                .body("[0].status", equalTo("COMPLETED")).body("[0].moved", equalTo(205)).body("[0].failed", empty());
        given().auth().oauth2(o.ownerToken()).queryParam("targetUserId", o.leaving()).get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.action", contains("SALESFORCE_OWNERSHIP_TRANSFERRED"))
                .body("items[0].after.moved", equalTo(205)).body("items[0].after.status", equalTo("COMPLETED"))
                .body("items[0].actorUserId", nullValue());

        // the same event again, and the deletion announced again under a new id: nothing is left to move
        TestEvents.publish(eventId, o.deletion());
        TestEvents.publish(o.deletion());
        // the first run asked for the users and the opportunities (the next pages are not queries); so does the copy
        Await.until("the second announcement read", () -> ProviderSimulators.salesforce().queries(o.access()).size() == 4,
                Duration.ofSeconds(60));
        Thread.sleep(500);
        assertEquals(2, ProviderSimulators.salesforce().ownerUpdates(o.access()).size());
        given().auth().oauth2(o.ownerToken()).get(TRANSFERS).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", equalTo("COMPLETED")).body("[0].moved", equalTo(205));
        // another organization's OWNER sees none of it
        UUID other = organization(db, "Other");
        given().auth().oauth2(TestTokens.user(other, UUID.randomUUID(), "owner")).get(TRANSFERS).then().statusCode(200)
                .body("$", empty());
    }

    @Test
    @DisplayName("LIF-05: records Salesforce refuses are kept with Salesforce's error codes, the others move (PARTIAL)")
    void partialFailure() throws Exception {
        Org o = org(true);
        List<String> open = open(o, 3);
        o.records().refuseUpdate(open.get(1), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Next step must be set");

        TestEvents.publish(o.deletion());
        awaitTransfer(o);
        assertEquals(o.sfHeir(), o.records().ownerOf(open.get(0)));
        assertEquals(o.sfLeaving(), o.records().ownerOf(open.get(1)));
        assertEquals(o.sfHeir(), o.records().ownerOf(open.get(2)));
        given().auth().oauth2(o.ownerToken()).get(TRANSFERS).then().statusCode(200)
                .body("[0].status", equalTo("PARTIAL")).body("[0].moved", equalTo(2))
                .body("[0].failed.id", contains(open.get(1)))
                .body("[0].failed[0].errors[0].statusCode", equalTo("FIELD_CUSTOM_VALIDATION_EXCEPTION"))
                .body("[0].failed[0].errors[0].message", equalTo("Next step must be set"));
    }

    @Test
    @DisplayName("LIF-05: an heir without an active Salesforce user is recorded (HEIR_NOT_IN_SALESFORCE), nothing moved, not retried")
    void heirNotInSalesforce() throws Exception {
        Org o = org(false);
        List<String> open = open(o, 2);
        TestEvents.publish(o.deletion());
        awaitTransfer(o);
        assertEquals(o.sfLeaving(), o.records().ownerOf(open.get(0)));
        assertEquals(0, ProviderSimulators.salesforce().ownerUpdates(o.access()).size());
        given().auth().oauth2(o.ownerToken()).get(TRANSFERS).then().statusCode(200)
                .body("[0].status", equalTo("HEIR_NOT_IN_SALESFORCE")).body("[0].moved", equalTo(0));
        Thread.sleep(500);
        assertEquals(2, ProviderSimulators.salesforce().queries(o.access()).size(), "asked once, not retried");
    }

    @Test
    @DisplayName("LIF-05: Salesforce away after a batch holds the rest for the consumer's retry (the batch counted), then it completes; a revoked grant is recorded as RELINK_REQUIRED; no heir or no connection moves nothing")
    void outagesAndRevokedGrant() throws Exception {
        Org o = org(true);
        List<String> open = open(o, 201);
        // Salesforce goes away after the first batch of 200: what it moved is counted, the rest waits for the retry
        StubMapping down = ProviderSimulators.salesforce().server().stubFor(patch(urlPathEqualTo(SalesforceSimulator.COLLECTIONS_PATH))
                .atPriority(1).withRequestBody(containing(open.get(200)))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Server unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        try {
            TestEvents.publish(o.deletion());
            Await.until("the second batch tried", () -> ProviderSimulators.salesforce().ownerUpdates(o.access()).size() >= 4,
                    Duration.ofSeconds(60));
            given().auth().oauth2(o.ownerToken()).get(TRANSFERS).then().statusCode(200)
                    .body("[0].status", equalTo("IN_PROGRESS")).body("[0].moved", equalTo(200));
            assertEquals(o.sfHeir(), o.records().ownerOf(open.get(0)));
            assertEquals(o.sfLeaving(), o.records().ownerOf(open.get(200)));
        } finally {
            ProviderSimulators.salesforce().remove(down);
        }
        Await.until("the transfer completed", () -> count(db, "select count(*) from salesforce_ownership_transfer"
                + " where deleted_user_id = ? and status = 'COMPLETED'", o.leaving()) == 1, Duration.ofSeconds(60));
        assertEquals(o.sfHeir(), o.records().ownerOf(open.get(200)));
        given().auth().oauth2(o.ownerToken()).get(TRANSFERS).then().statusCode(200)
                .body("[0].status", equalTo("COMPLETED")).body("[0].moved", equalTo(201)).body("[0].failed", empty());

        Org revoked = org(true);
        List<String> kept = open(revoked, 1);
        ProviderSimulators.salesforce().revokeGrant(revoked.access(), revoked.refresh());
        TestEvents.publish(revoked.deletion());
        awaitTransfer(revoked);
        assertEquals(revoked.sfLeaving(), revoked.records().ownerOf(kept.get(0)));
        given().auth().oauth2(revoked.ownerToken()).get(TRANSFERS).then().statusCode(200)
                .body("[0].status", equalTo("RELINK_REQUIRED")).body("[0].moved", equalTo(0));

        // no Salesforce heir: Kaigi hands nothing over and records nothing
        Org noHeir = org(true);
        List<String> stays = open(noHeir, 1);
        UUID marker = activeUser(db, noHeir.id(), "marker-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        TestEvents.publish(new UserDeleted(noHeir.id(), noHeir.leaving(), null, noHeir.owner(),
                new DeletionTransfers(noHeir.heir(), noHeir.heir(), null, noHeir.heir())));
        TestEvents.publish(new UserDeleted(noHeir.id(), marker, null, noHeir.owner()));
        Await.until("the deletions applied", () -> count(db,
                "select count(*) from user_profile where user_id in (?, ?) and status = 'DELETED'", noHeir.leaving(), marker) == 2);
        assertEquals(noHeir.sfLeaving(), noHeir.records().ownerOf(stays.get(0)));
        assertEquals(0, ProviderSimulators.salesforce().queries(noHeir.access()).size());
        assertEquals(0, count(db, "select count(*) from salesforce_ownership_transfer where org_id = ?", noHeir.id()));
    }
}
