package dev.kaigi.scheduling;

import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static dev.kaigi.scheduling.SchedulingFixtures.validWeek;
import static dev.kaigi.scheduling.SchedulingFixtures.week;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** SCH-05: the organization's default schedule, what new users start with, and "apply defaults". */
@QuarkusTest
class DefaultWorkScheduleTest {

    @Test
    @DisplayName("SCH-05: without defaults every member reads the system defaults; only an OWNER sets them")
    void defaultsAreReadByAllAndSetByOwners() {
        Org org = Org.create("Asia/Kolkata");
        org.as(UUID.randomUUID(), "restricted").get("/api/v1/organization/default-work-schedule").then().statusCode(200)
                .header("ETag", nullValue())
                .body("configured", equalTo(false)).body("timeZone", equalTo("Asia/Kolkata"))
                .body("weekdays.enabled", contains(true, true, true, true, true, false, false))
                .body("weekdays[0].breaks[0].start", equalTo("12:00"));
        org.manager().body(validWeek()).put("/api/v1/organization/default-work-schedule").then().statusCode(403);
        org.as(UUID.randomUUID(), "member").body(validWeek()).put("/api/v1/organization/default-work-schedule")
                .then().statusCode(403);
        org.owner().body(week("Asia/Kolkata", "5", "0", "[]")).put("/api/v1/organization/default-work-schedule")
                .then().statusCode(400).body("errors[0].field", equalTo("weekdays[0].dailyCap"));
        org.owner().get("/api/v1/organization/default-work-schedule").then().body("configured", equalTo(false));

        String etag = org.owner().body(validWeek()).put("/api/v1/organization/default-work-schedule").then().statusCode(200)
                .body("configured", equalTo(true)).body("timeZone", equalTo("Europe/Berlin"))
                .body("weekdays[0].dailyCap", equalTo(3)).body("opportunityCap", equalTo(5))
                .extract().header("ETag");
        org.owner().body(validWeek()).put("/api/v1/organization/default-work-schedule").then().statusCode(428);
        org.owner().header("If-Match", "\"41\"").body(validWeek()).put("/api/v1/organization/default-work-schedule")
                .then().statusCode(412);
        org.owner().header("If-Match", etag).body(week("Asia/Tokyo", "null", "4", "[]"))
                .put("/api/v1/organization/default-work-schedule").then().statusCode(200)
                .body("timeZone", equalTo("Asia/Tokyo")).body("weekdays[0].dailyCap", equalTo(4));
        // another organization still has none
        Org other = new Org(UUID.randomUUID(), "Asia/Tokyo");
        other.owner().get("/api/v1/organization/default-work-schedule").then().body("configured", equalTo(false));
    }

    @Test
    @DisplayName("SCH-05: a user created after the organization set defaults starts with them; apply-defaults copies them later")
    void newUsersStartWithOrganizationDefaults() {
        Org org = Org.create("Asia/Shanghai");
        UUID before = org.member();
        org.owner().body(validWeek()).put("/api/v1/organization/default-work-schedule").then().statusCode(200);

        UUID invited = UUID.randomUUID();
        TestEvents.publish(new UserInvited(org.id(), "Acme", invited, "new@outside.example", "Ito", "Aoi", Role.MEMBER,
                UserType.REGULAR, null, "token", Instant.now().plusSeconds(3600), "ja"));
        org.await(invited);
        org.owner().get("/api/v1/users/" + invited + "/work-schedule").then()
                .body("timeZone", equalTo("Europe/Berlin")).body("opportunityCap", equalTo(5))
                .body("weekdays[0].dailyCap", equalTo(3)).body("weekdays[1].breaks.start", contains("12:00", "15:00"));
        // the earlier user kept the system defaults until asked
        org.owner().get("/api/v1/users/" + before + "/work-schedule").then()
                .body("timeZone", equalTo("Asia/Shanghai")).body("weekdays[0].dailyCap", nullValue());
        org.owner().post("/api/v1/users/" + before + "/work-schedule/apply-defaults").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin")).body("weekdays[0].dailyCap", equalTo(3))
                .body("weekdays[1].breaks.start", contains("12:00", "15:00"));
    }

    @Test
    @DisplayName("SCH-05: a user announced before organization-created starts in Asia/Tokyo and moves to the organization's zone")
    void organizationZoneArrivingLate() {
        UUID orgId = UUID.randomUUID();
        Org org = new Org(orgId, "Europe/Paris");
        UUID early = org.member(); // no organization-created yet: Tokyo for now
        UUID edited = org.member();
        org.owner().get("/api/v1/users/" + early + "/work-schedule").then().body("timeZone", equalTo("Asia/Tokyo"));
        String etag = org.read(edited).etag();
        org.owner().header("If-Match", etag).body(week("Asia/Seoul", "null", "null", "[]"))
                .put("/api/v1/users/" + edited + "/work-schedule").then().statusCode(200);

        TestEvents.publish(new OrganizationCreated(orgId, "Acme", UUID.randomUUID(), "ceo@acme.example", "Europe/Paris"));
        Await.until("the early user's zone to follow the organization's", () -> "Europe/Paris".equals(
                org.owner().get("/api/v1/users/" + early + "/work-schedule").then().extract().path("timeZone")), WAIT);
        // a zone somebody chose is kept
        org.owner().get("/api/v1/users/" + edited + "/work-schedule").then().body("timeZone", equalTo("Asia/Seoul"));
        org.owner().get("/api/v1/organization/default-work-schedule").then().body("timeZone", equalTo("Europe/Paris"));
    }
}
