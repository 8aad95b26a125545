package dev.kaigi.integration;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.integration.simulators.SalesforceSimulator;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.connectSalesforce;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIF-05: what a deletion with transfer would move here, as user-service's service account asks it; nothing changes. */
@QuarkusTest
class TransferPreviewTest {

    private static final String SERVICE = TestTokens.service("user-service");

    @Inject
    AgroalDataSource db;

    private static ValidatableResponse preview(String token, UUID org, UUID user, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .post(InternalPaths.TRANSFER_PREVIEW, org, user).then();
    }

    private static String heirs(UUID salesforce, UUID subscriptions) {
        return "{\"futureBookings\":null,\"poolMemberships\":null,\"salesforceRecords\":" + quoted(salesforce)
                + ",\"notificationSubscriptions\":" + quoted(subscriptions) + "}";
    }

    private static String quoted(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }

    private static String subscribe(UUID org, UUID user, UUID meetingType, String channel) {
        return given().auth().oauth2(TestTokens.user(org, user, "member")).contentType("application/json")
                .body("{\"meetingTypeId\":" + quoted(meetingType) + ",\"channel\":\"" + channel + "\"}")
                .post("/api/v1/users/{id}/notification-subscriptions", user).then().statusCode(201).extract().path("id");
    }

    @Test
    @DisplayName("LIF-05: the preview is for the service role only: 401 without a token, 403 for an OWNER or a MEMBER; bad input 400 naming the field")
    void serviceOnly() throws Exception {
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, "owner-" + UUID.randomUUID() + "@acme.test", Role.OWNER);
        UUID member = activeUser(db, org, "member-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        given().contentType("application/json").body(heirs(owner, owner)).post(InternalPaths.TRANSFER_PREVIEW, org, member)
                .then().statusCode(401);
        preview(TestTokens.user(org, owner, "owner", "super_admin"), org, member, heirs(owner, owner)).statusCode(403);
        preview(TestTokens.user(org, member, "member"), org, member, heirs(owner, owner)).statusCode(403);
        preview(SERVICE, org, member, "{\"salesforceRecords\":\"not-a-uuid\"}").statusCode(400)
                .body("errors[0].field", equalTo("salesforceRecords"));
        preview(SERVICE, org, member, "{\"heir\":\"" + owner + "\"}").statusCode(400).body("errors[0].field", equalTo("heir"));
        // both categories, in the enum's order, even with nothing to move
        preview(SERVICE, org, member, heirs(owner, null)).statusCode(200)
                .body("categories.category", contains("SALESFORCE_RECORDS", "NOTIFICATION_SUBSCRIPTIONS"))
                .body("categories[0].heirUserId", equalTo(owner.toString())).body("categories[1].heirUserId", nullValue())
                .body("categories[0].moving", empty()).body("categories[0].notMoving", empty())
                .body("categories[1].moving", empty()).body("categories[1].notMoving", empty());
    }

    @Test
    @DisplayName("LIF-05: NOTIFICATION_SUBSCRIPTIONS preview: each subscription moves, but the heir's duplicates (heir-already-subscribed); no heir: no-heir; an inactive heir: heir-not-active; nothing changes")
    void subscriptions() throws Exception {
        UUID org = organization(db, "Acme");
        UUID leaving = activeUser(db, org, "leaving-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        UUID heir = activeUser(db, org, "heir-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        UUID inactive = activeUser(db, org, "inactive-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        lifecycle(db, new UserDeactivated(org, inactive, UserType.REGULAR, null, DeactivationReason.ADMIN), inactive, "DEACTIVATED");
        UUID demo = UUID.randomUUID();
        String all = subscribe(org, leaving, null, "MAIL");
        String slack = subscribe(org, leaving, demo, "SLACK");
        subscribe(org, heir, null, "MAIL");

        preview(SERVICE, org, leaving, heirs(null, heir)).statusCode(200)
                .body("categories[1].category", equalTo("NOTIFICATION_SUBSCRIPTIONS"))
                .body("categories[1].heirUserId", equalTo(heir.toString()))
                .body("categories[1].moving.id", contains(slack))
                .body("categories[1].moving.kind", contains("notification-subscription"))
                .body("categories[1].moving.label", contains("SLACK, meeting type " + demo))
                .body("categories[1].moving.reason", contains((String) null))
                .body("categories[1].notMoving.id", contains(all))
                .body("categories[1].notMoving.reason", contains("heir-already-subscribed"));
        preview(SERVICE, org, leaving, heirs(null, null)).statusCode(200)
                .body("categories[1].moving", empty())
                .body("categories[1].notMoving.id", containsInAnyOrder(all, slack))
                .body("categories[1].notMoving.reason", everyItem(equalTo("no-heir")));
        preview(SERVICE, org, leaving, heirs(null, inactive)).statusCode(200)
                .body("categories[1].moving", empty())
                .body("categories[1].notMoving.reason", contains("heir-not-active", "heir-not-active"));
        assertEquals(2, count(db, "select count(*) from notification_subscription where user_id = ?", leaving));
        assertEquals(1, count(db, "select count(*) from notification_subscription where user_id = ?", heir));
    }

    @Test
    @DisplayName("LIF-05: SALESFORCE_RECORDS preview, read live: open opportunities move to an heir with a Salesforce user, else heir-not-in-salesforce or no-heir; not connected: empty; unreachable or to be re-connected: one salesforce-connection item, never a 5xx; nothing changes")
    void salesforceRecords() throws Exception {
        UUID org = organization(db, "Acme");
        String domain = "@acme-" + org.toString().substring(0, 8) + ".test";
        UUID owner = activeUser(db, org, "owner" + domain, Role.OWNER);
        UUID leaving = activeUser(db, org, "leaving" + domain, Role.MEMBER);
        UUID heir = activeUser(db, org, "heir" + domain, Role.MEMBER);
        UUID outsider = activeUser(db, org, "outsider" + domain, Role.MEMBER);

        // not connected: nothing is tracked
        preview(SERVICE, org, leaving, heirs(heir, null)).statusCode(200)
                .body("categories[0].moving", empty()).body("categories[0].notMoving", empty());

        String access = "sf-preview-" + UUID.randomUUID();
        String refresh = "sf-preview-refresh-" + UUID.randomUUID();
        connectSalesforce(org, owner, "00P" + org.toString().substring(0, 8), access, refresh, Map.of());
        SalesforceSimulator.Records records = ProviderSimulators.salesforce().records(access);
        String sfLeaving = records.user("leaving" + domain, true);
        records.user("heir" + domain, true);
        String first = records.opportunity("Acme renewal", sfLeaving, false);
        String second = records.opportunity("Globex pilot", sfLeaving, false);
        records.opportunity("Closed deal", sfLeaving, true);

        preview(SERVICE, org, leaving, heirs(heir, null)).statusCode(200)
                .body("categories[0].category", equalTo("SALESFORCE_RECORDS"))
                .body("categories[0].moving.kind", contains("opportunity", "opportunity"))
                .body("categories[0].moving.id", contains(first, second))
                .body("categories[0].moving.label", contains("Acme renewal", "Globex pilot"))
                .body("categories[0].notMoving", empty());
        preview(SERVICE, org, leaving, heirs(outsider, null)).statusCode(200)
                .body("categories[0].moving", empty())
                .body("categories[0].notMoving.id", contains(first, second))
                .body("categories[0].notMoving.reason", contains("heir-not-in-salesforce", "heir-not-in-salesforce"));
        preview(SERVICE, org, leaving, heirs(null, null)).statusCode(200)
                .body("categories[0].notMoving.reason", contains("no-heir", "no-heir"));

        StubMapping down = ProviderSimulators.salesforce().queriesAnswer(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\"}]");
        try {
            preview(SERVICE, org, leaving, heirs(heir, null)).statusCode(200)
                    .body("categories[0].moving", empty())
                    .body("categories[0].notMoving.kind", contains("salesforce-connection"))
                    .body("categories[0].notMoving.reason", contains("salesforce-unavailable"))
                    .body("categories[1].category", equalTo("NOTIFICATION_SUBSCRIPTIONS"));
        } finally {
            ProviderSimulators.salesforce().remove(down);
        }
        assertEquals(0, ProviderSimulators.salesforce().ownerUpdates(access).size(), "a preview moves nothing");
        assertEquals(sfLeaving, records.ownerOf(first));

        ProviderSimulators.salesforce().revokeGrant(access, refresh);
        preview(SERVICE, org, leaving, heirs(heir, null)).statusCode(200)
                .body("categories[0].notMoving.kind", contains("salesforce-connection"))
                .body("categories[0].notMoving.reason", contains("salesforce-relink-required"));
        preview(SERVICE, org, leaving, heirs(heir, null)).statusCode(200)
                .body("categories[0].notMoving.reason", contains("salesforce-relink-required"));
    }
}
