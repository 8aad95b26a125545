package dev.kaigi.scheduling;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.scheduling.SchedulingFixtures.validWeek;
import static dev.kaigi.scheduling.SchedulingFixtures.week;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** SEC-02: scheduling's administrative changes in its audit trail, read by OWNERs through /api/v1/audit-events. */
@QuarkusTest
class AuditTrailTest {

    private static final String TYPE = """
            {"name":"%s","durationMinutes":%d,"conferencingMethod":"ZOOM","hostPool":[%s]}""";

    @Test
    @DisplayName("SEC-02: a meeting type's creation, changes (host pool included) and deletion are recorded with who, before and after")
    void meetingTypesAndHostPools() {
        Org org = Org.create("Asia/Tokyo");
        UUID alice = org.join(Role.MEMBER, UserType.REGULAR);
        UUID bob = org.join(Role.MEMBER, UserType.REGULAR);
        org.await(alice, bob);
        UUID manager = UUID.randomUUID();
        var created = org.as(manager, "manager").body(TYPE.formatted("Demo", 30, SchedulingFixtures.jsonIds(alice)))
                .post("/api/v1/meeting-types").then().statusCode(201).extract();
        String id = created.path("id");
        String etag = org.as(manager, "manager").body(TYPE.formatted("Demo", 45, SchedulingFixtures.jsonIds(alice, bob)))
                .header("If-Match", created.header("ETag")).put("/api/v1/meeting-types/" + id).then().statusCode(200)
                .extract().header("ETag");
        // the same settings again change nothing, and are not an audit event
        org.as(manager, "manager").body(TYPE.formatted("Demo", 45, SchedulingFixtures.jsonIds(alice, bob)))
                .header("If-Match", etag).put("/api/v1/meeting-types/" + id).then().statusCode(200);
        org.as(manager, "manager").delete("/api/v1/meeting-types/" + id).then().statusCode(204);

        org.owner().queryParam("targetId", id).get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(3))
                .body("items.action", contains("MEETING_TYPE_DELETED", "MEETING_TYPE_UPDATED", "MEETING_TYPE_CREATED"))
                .body("items.actorUserId.unique()", contains(manager.toString()))
                .body("items.targetId.unique()", contains(id))
                .body("items[2].before", nullValue())
                .body("items[2].after.name", equalTo("Demo")).body("items[2].after.durationMinutes", equalTo(30))
                .body("items[2].after.hostPool", contains(alice.toString()))
                .body("items[2].after.slotStepMinutes", equalTo(30))
                .body("items[1].before.durationMinutes", equalTo(30)).body("items[1].after.durationMinutes", equalTo(45))
                .body("items[1].before.hostPool", contains(alice.toString()))
                .body("items[1].after.hostPool", contains(alice.toString(), bob.toString()))
                .body("items[1].after", not(hasKey("name")))
                .body("items[0].before.name", equalTo("Demo")).body("items[0].after", nullValue());
    }

    @Test
    @DisplayName("SEC-02: work schedules, organization defaults, apply-defaults and apply-to-others are recorded with who, before and after")
    void schedules() {
        Org org = Org.create("Asia/Singapore");
        UUID alice = org.member();
        UUID bob = org.member();
        UUID owner = UUID.randomUUID();
        org.as(owner, "owner").header("If-Match", org.read(alice).etag()).body(validWeek())
                .put("/api/v1/users/" + alice + "/work-schedule").then().statusCode(200);
        org.as(alice, "member").header("If-Match", org.read(alice).etag())
                .body(week("Europe/Berlin", "7", "3", "[{\"start\":\"12:00\",\"end\":\"12:30\"},{\"start\":\"15:00\",\"end\":\"15:15\"}]"))
                .put("/api/v1/users/" + alice + "/work-schedule").then().statusCode(200);
        org.as(owner, "owner").body(week("Asia/Singapore", "null", "2", "[]"))
                .put("/api/v1/organization/default-work-schedule").then().statusCode(200);
        String applyToOthers = "/api/v1/users/" + alice + "/work-schedule/apply-to-others";
        org.as(owner, "owner").body("{\"fields\":[\"DAILY_CAPS\"],\"targetUserIds\":[\"" + bob + "\"],\"dryRun\":true}")
                .post(applyToOthers).then().statusCode(200).body("applied", equalTo(false));
        org.as(owner, "owner").body("{\"fields\":[\"DAILY_CAPS\"],\"targetUserIds\":[\"" + bob + "\"],\"dryRun\":false}")
                .post(applyToOthers).then().statusCode(200).body("applied", equalTo(true));
        org.as(owner, "owner").post("/api/v1/users/" + alice + "/work-schedule/apply-defaults").then().statusCode(200);

        org.as(owner, "owner").get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", contains("WORK_SCHEDULE_DEFAULTS_APPLIED", "SCHEDULE_FIELDS_APPLIED",
                        "DEFAULT_WORK_SCHEDULE_SET", "WORK_SCHEDULE_UPDATED", "WORK_SCHEDULE_UPDATED"))
                .body("items.actorUserId", contains(owner.toString(), owner.toString(), owner.toString(), alice.toString(),
                        owner.toString()))
                .body("items.targetUserId", contains(alice.toString(), bob.toString(), null, alice.toString(), alice.toString()))
                // the OWNER's edit: zone, hours, breaks, caps and the opportunity cap all moved
                .body("items[4].before.timeZone", equalTo("Asia/Singapore")).body("items[4].after.timeZone", equalTo("Europe/Berlin"))
                .body("items[4].before.dailyCaps.MONDAY", nullValue()).body("items[4].after.dailyCaps.MONDAY", equalTo(3))
                .body("items[4].after.weeklyHours.TUESDAY.start", equalTo("10:00"))
                .body("items[4].after.opportunityCap", equalTo(5))
                // alice's own edit changed the opportunity cap only
                .body("items[3].before", equalTo(java.util.Map.of("opportunityCap", 5)))
                .body("items[3].after", equalTo(java.util.Map.of("opportunityCap", 7)))
                // the first defaults: nothing before
                .body("items[2].before", nullValue()).body("items[2].after.dailyCaps.MONDAY", equalTo(2))
                // applied to bob: only the chosen field, as the response reported it
                .body("items[1].before.dailyCaps.MONDAY", nullValue()).body("items[1].after.dailyCaps.MONDAY", equalTo(3))
                .body("items[1].after", not(hasKey("weeklyHours")))
                .body("items[0].before.timeZone", equalTo("Europe/Berlin")).body("items[0].after.timeZone", equalTo("Asia/Singapore"))
                .body("items[0].after.dailyCaps.MONDAY", equalTo(2));
    }

    @Test
    @DisplayName("SEC-02: only the organization's OWNERs read its trail; another organization sees none of it")
    void onlyOwnersOfTheOrganizationRead() {
        Org org = Org.create("Asia/Tokyo");
        org.manager().body(TYPE.formatted("Intro", 30, "")).post("/api/v1/meeting-types").then().statusCode(201);
        org.as(UUID.randomUUID(), "owner", "super_admin").get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].action", equalTo("MEETING_TYPE_CREATED"));
        org.manager().get("/api/v1/audit-events").then().statusCode(403);
        org.as(UUID.randomUUID(), "member").get("/api/v1/audit-events").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(org.id(), "schedules:read", "bookings:write")).get("/api/v1/audit-events")
                .then().statusCode(403);
        Org other = Org.create("Asia/Tokyo");
        other.owner().get("/api/v1/audit-events").then().statusCode(200).body("totalItems", equalTo(0));
        org.owner().queryParam("action", "PLAN_CHANGED").get("/api/v1/audit-events").then()
                .statusCode(400).body("errors[0].field", equalTo("action"));
    }

    @Test
    @DisplayName("SEC-02: a refused change leaves no audit event")
    void refusedChangesLeaveNoTrace() {
        Org org = Org.create("Asia/Tokyo");
        UUID alice = org.member();
        org.manager().body(TYPE.formatted("Demo", 30, "")).post("/api/v1/meeting-types").then().statusCode(201);
        org.manager().body(TYPE.formatted("Demo", 30, "")).post("/api/v1/meeting-types").then()
                .statusCode(409).body("code", equalTo("meeting-type-name-taken"));
        org.manager().body(TYPE.formatted("Other", 30, SchedulingFixtures.jsonIds(UUID.randomUUID())))
                .post("/api/v1/meeting-types").then().statusCode(400);
        org.owner().header("If-Match", "\"99\"").body(validWeek()).put("/api/v1/users/" + alice + "/work-schedule").then()
                .statusCode(412);
        org.owner().header("If-Match", org.read(alice).etag()).body(week("Europe/Berlin", "5", "0", "[]"))
                .put("/api/v1/users/" + alice + "/work-schedule").then().statusCode(400);
        org.owner().body("{\"fields\":[\"DAILY_CAPS\"],\"targetUserIds\":[\"" + UUID.randomUUID() + "\"],\"dryRun\":false}")
                .post("/api/v1/users/" + alice + "/work-schedule/apply-to-others").then().statusCode(400);

        org.owner().get("/api/v1/audit-events").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].action", equalTo("MEETING_TYPE_CREATED"));
    }
}
