package dev.kaigi.licensing;

import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.licensing.LicensingFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** SEC-02: licensing's administrative changes in its audit trail, read by OWNERs through /api/v1/audit-events. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    LicensingFixtures fixtures;

    @Test
    @DisplayName("SEC-02: seat purchases, seat counts, plan, team licences and seat assignments are recorded with who, before and after")
    void everyKindOfChangeIsRecorded() {
        UUID org = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        asUser(org, owner).body("{\"pool\":\"REGULAR\",\"quantity\":3}").post("/api/v1/subscription/seats").then().statusCode(200);
        asUser(org, owner).body("{\"purchased\":10}").put("/api/v1/subscription/seats/REGULAR").then().statusCode(200);
        asUser(org, owner).body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        asUser(org, owner).body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then().statusCode(200);
        String assignment = asUser(org, owner).body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}")
                .post("/api/v1/seat-assignments").then().statusCode(201).extract().path("id");
        asUser(org, owner).delete("/api/v1/seat-assignments/" + assignment).then().statusCode(204);
        asUser(org, owner).body("{\"plan\":\"FREE\"}").put("/api/v1/subscription/plan").then().statusCode(200);

        asUser(org, owner).get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(7))
                .body("items.action", contains("PLAN_CHANGED", "SEAT_UNASSIGNED", "SEAT_ASSIGNED", "TEAM_LICENCES_CHANGED",
                        "PLAN_CHANGED", "PURCHASED_SEATS_SET", "SEATS_PURCHASED"))
                .body("items.actorUserId.unique()", contains(owner.toString()))
                .body("items[0].occurredAt", notNullValue())
                // leaving STANDARD switched the team licences off too: both fields changed
                .body("items[0].before.plan", equalTo("STANDARD")).body("items[0].after.plan", equalTo("FREE"))
                .body("items[0].before.teamLicencesEnabled", equalTo(true)).body("items[0].after.teamLicencesEnabled", equalTo(false))
                .body("items[1].targetUserId", equalTo(user.toString())).body("items[1].targetId", equalTo(assignment))
                .body("items[1].before.pool", equalTo("REGULAR")).body("items[1].after", nullValue())
                .body("items[2].targetUserId", equalTo(user.toString())).body("items[2].targetId", equalTo(assignment))
                .body("items[2].before", nullValue()).body("items[2].after.pool", equalTo("REGULAR"))
                .body("items[3].before.teamLicencesEnabled", equalTo(false)).body("items[3].after.teamLicencesEnabled", equalTo(true))
                // moving up from FREE left the team licences as they were: only the plan is shown
                .body("items[4].before.plan", equalTo("FREE")).body("items[4].after.plan", equalTo("STANDARD"))
                .body("items[4].after", not(hasKey("teamLicencesEnabled")))
                .body("items[5].before.purchased", equalTo(8)).body("items[5].after.purchased", equalTo(10))
                .body("items[5].after.pool", equalTo("REGULAR"))
                .body("items[6].before.purchased", equalTo(5)).body("items[6].after.purchased", equalTo(8))
                .body("items[6].actorClientId", nullValue());

        asUser(org, owner).queryParam("targetUserId", user).get("/api/v1/audit-events").then()
                .body("items.action", contains("SEAT_UNASSIGNED", "SEAT_ASSIGNED"));
        asUser(org, owner).queryParam("action", "PLAN_CHANGED").queryParam("size", 1).get("/api/v1/audit-events").then()
                .body("totalItems", equalTo(2)).body("totalPages", equalTo(2)).body("items[0].after.plan", equalTo("FREE"));
        asUser(org, owner).queryParam("action", "PLAN_CHANGED").queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/audit-events").then().body("items[0].after.plan", equalTo("STANDARD"));
    }

    @Test
    @DisplayName("SEC-02: only the organization's OWNERs read its trail; another organization sees none of it")
    void onlyOwnersOfTheOrganizationRead() {
        UUID org = UUID.randomUUID();
        as(org, "owner").body("{\"pool\":\"REGULAR\",\"quantity\":1}").post("/api/v1/subscription/seats").then().statusCode(200);
        as(org, "owner", "super_admin").get("/api/v1/audit-events").then().statusCode(200).body("totalItems", equalTo(1));
        as(org, "manager").get("/api/v1/audit-events").then().statusCode(403);
        as(org, "member").get("/api/v1/audit-events").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(org, "users:read", "schedules:read")).get("/api/v1/audit-events").then().statusCode(403);
        as(UUID.randomUUID(), "owner", "super_admin").get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(0));
        as(org, "owner").queryParam("action", "USER_ADDED").get("/api/v1/audit-events").then()
                .statusCode(400).body("errors[0].field", equalTo("action"));
    }

    @Test
    @DisplayName("SEC-02: a refused change leaves no audit event")
    void refusedChangesLeaveNoTrace() {
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        UUID team = fixtures.user(org, UserType.TEAM);
        as(org, "owner").body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then().statusCode(201);
        as(org, "owner").body("{\"purchased\":0}").put("/api/v1/subscription/seats/REGULAR").then()
                .statusCode(409).body("code", equalTo("seats-below-assigned"));
        as(org, "owner").body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then()
                .statusCode(409).body("code", equalTo("team-licences-unavailable-on-plan"));
        as(org, "owner").body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments").then()
                .statusCode(409).body("code", equalTo("seat-already-assigned"));
        as(org, "owner").body("{\"userId\":\"" + team + "\",\"pool\":\"TEAM\"}").post("/api/v1/seat-assignments").then()
                .statusCode(409);
        as(org, "owner").header("If-Match", "\"999\"").body("{\"plan\":\"ENTERPRISE\"}").put("/api/v1/subscription/plan").then()
                .statusCode(412);
        // setting the count it already has, or the plan it is on, changes nothing
        as(org, "owner").body("{\"purchased\":5}").put("/api/v1/subscription/seats/REGULAR").then().statusCode(200);
        as(org, "owner").body("{\"plan\":\"FREE\"}").put("/api/v1/subscription/plan").then().statusCode(200);

        as(org, "owner").get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].action", equalTo("SEAT_ASSIGNED"));
    }

    private static RequestSpecification asUser(UUID org, UUID user) {
        return given().auth().oauth2(TestTokens.user(org, user, "owner")).contentType(ContentType.JSON);
    }
}
