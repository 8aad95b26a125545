package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.PeerFixtures.WAIT;
import static dev.kaigi.user.PeerFixtures.awaitKnown;
import static dev.kaigi.user.PeerFixtures.book;
import static dev.kaigi.user.PeerFixtures.host;
import static dev.kaigi.user.PeerFixtures.meetingType;
import static dev.kaigi.user.PeerFixtures.scheduling;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LIF-05 through the real services: the super admin's preview asks scheduling-service and
 * integration-service what would move, and the deletion's event makes them move it.
 */
@QuarkusTest
@QuarkusTestResource(value = PeerServicesProcess.class, restrictToAnnotatedClass = true)
class DeletionWithHeirsTest {

    private static String heirs(UUID futureBookings, UUID poolMemberships, UUID salesforce, UUID notifications, boolean dryRun) {
        return """
                {"heirs":{"futureBookings":%s,"poolMemberships":%s,"salesforceRecords":%s,"notificationSubscriptions":%s},"dryRun":%s}"""
                .formatted(quoted(futureBookings), quoted(poolMemberships), quoted(salesforce), quoted(notifications), dryRun);
    }

    private static String quoted(UUID id) {
        return id == null ? "null" : "\"" + id + "\"";
    }

    @Test
    @DisplayName("LIF-05: the dry run asks each service what would move and changes nothing; the deletion then moves each category to its own heir")
    void previewThenDelete() {
        UserFixtures.Org org = UserFixtures.newOrganization();
        UUID leaver = org.addActive("MEMBER", "REGULAR");
        UUID poolHeir = org.addActive("MEMBER", "REGULAR");
        UUID colleague = org.addActive("MEMBER", "REGULAR");
        awaitKnown(org, leaver, poolHeir, colleague);
        String demo = meetingType(org, "Demo", leaver);
        String intro = meetingType(org, "Intro", leaver, poolHeir);
        host(org, leaver);
        host(org, colleague);
        String booking = book(org, demo, "10:00", "lead@customer.example");

        JsonPath preview = org.asSuperAdmin().body(heirs(colleague, poolHeir, colleague, colleague, true))
                .post("/api/v1/users/" + leaver + "/deletion").then().statusCode(200)
                .body("unavailable", empty())
                .body("categories.category", equalTo(List.of("FUTURE_BOOKINGS", "POOL_MEMBERSHIPS", "SALESFORCE_RECORDS",
                        "NOTIFICATION_SUBSCRIPTIONS")))
                .extract().jsonPath();
        assertEquals(List.of(booking), preview.getList("categories.find { it.category == 'FUTURE_BOOKINGS' }.moving.id"));
        assertEquals(List.of(demo), preview.getList("categories.find { it.category == 'POOL_MEMBERSHIPS' }.moving.id"));
        assertEquals(List.of(intro), preview.getList("categories.find { it.category == 'POOL_MEMBERSHIPS' }.notMoving.id"));
        assertEquals("heir-already-in-pool",
                preview.getString("categories.find { it.category == 'POOL_MEMBERSHIPS' }.notMoving[0].reason"));
        assertEquals(poolHeir.toString(), preview.getString("categories.find { it.category == 'POOL_MEMBERSHIPS' }.heirUserId"));
        org.asSuperAdmin().get("/api/v1/users/" + leaver).then().statusCode(200).body("status", equalTo("ACTIVE"));

        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().body(heirs(colleague, poolHeir, colleague, colleague, false))
                    .post("/api/v1/users/" + leaver + "/deletion").then().statusCode(204);
            ReceivedEvent deleted = events.await(EventTypes.USER_DELETED, leaver.toString(), WAIT);
            assertTrue(deleted.data().get("transferToUserId").isNull(), "the heirs differ per category");
            assertEquals(colleague.toString(), deleted.data().get("transfers").get("futureBookings").asText());
            assertEquals(poolHeir.toString(), deleted.data().get("transfers").get("poolMemberships").asText());
            assertEquals(colleague.toString(), deleted.data().get("transfers").get("salesforceRecords").asText());
            assertEquals(colleague.toString(), deleted.data().get("transfers").get("notificationSubscriptions").asText());
        }
        Await.until("Demo's pool handed to the pool heir", () -> List.of(poolHeir.toString())
                .equals(scheduling(org).get("/api/v1/meeting-types/" + demo).then().extract().path("hostPool")), WAIT);
        Await.until("the booking handed to its heir", () -> colleague.toString()
                .equals(scheduling(org).get("/api/v1/bookings/" + booking).then().extract().path("hostUserId")), WAIT);
        scheduling(org).get("/api/v1/meeting-types/" + intro).then().body("hostPool", equalTo(List.of(poolHeir.toString())));
        org.asSuperAdmin().queryParam("action", "USER_DELETED").queryParam("targetUserId", leaver).get("/api/v1/audit-events").then()
                .statusCode(200).body("items[0].after.heirs.poolMemberships", equalTo(poolHeir.toString()));
    }

    @Test
    @DisplayName("LIF-05: heirs who are not other active regular users are refused by field, for the preview too; only the super admin deletes")
    void refusals() {
        UserFixtures.Org org = UserFixtures.newOrganization();
        UUID leaver = org.addActive("MEMBER", "REGULAR");
        UUID invited = org.addInvited("MEMBER");
        UUID owner = org.addActive("OWNER", "REGULAR");
        for (boolean dryRun : new boolean[]{true, false}) {
            org.asSuperAdmin().body(heirs(leaver, invited, UUID.randomUUID(), null, dryRun))
                    .post("/api/v1/users/" + leaver + "/deletion").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("code", equalTo("transfer-target-invalid"))
                    .body("errors.field", containsInAnyOrder("heirs.futureBookings", "heirs.poolMemberships", "heirs.salesforceRecords"));
        }
        org.as(owner, "owner").body(heirs(null, null, null, null, true))
                .post("/api/v1/users/" + leaver + "/deletion").then().statusCode(403);
        org.asSuperAdmin().body(heirs(null, null, null, null, false))
                .post("/api/v1/users/" + UUID.randomUUID() + "/deletion").then().statusCode(404);
        org.asSuperAdmin().body(heirs(null, null, null, null, false))
                .post("/api/v1/users/" + org.superAdmin() + "/deletion").then().statusCode(409)
                .body("code", equalTo("super-admin-transfer-required"));
        org.asSuperAdmin().body("{\"dryRun\":true}").post("/api/v1/users/" + leaver + "/deletion").then().statusCode(400)
                .body("errors.field", equalTo(List.of("heirs")));
        org.asSuperAdmin().body("{\"heirs\":{\"futureBookings\":\"nope\"}}").post("/api/v1/users/" + leaver + "/deletion")
                .then().statusCode(400);
        org.asSuperAdmin().header("Accept-Language", "ja").body(heirs(leaver, null, null, null, false))
                .post("/api/v1/users/" + leaver + "/deletion").then().statusCode(409)
                .body("errors[0].message", equalTo("同じ組織の別の有効な一般ユーザーではありません。"));
        org.asSuperAdmin().get("/api/v1/users/" + leaver).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }
}
