package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.scheduling.SchedulingFixtures.validWeek;
import static dev.kaigi.scheduling.SchedulingFixtures.week;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** BLK-05 (schedule part): an OWNER copies chosen schedule fields from one user to others, in one transaction. */
@QuarkusTest
class ApplyScheduleToOthersTest {

    private static final String REQUEST = """
            {"fields":[%s],"targetUserIds":[%s],"dryRun":%s}""";

    private static String request(String fields, boolean dryRun, UUID... targets) {
        return REQUEST.formatted(fields, SchedulingFixtures.jsonIds(targets), dryRun);
    }

    private static void setSchedule(Org org, UUID user, String body) {
        org.owner().header("If-Match", org.read(user).etag()).body(body).put("/api/v1/users/" + user + "/work-schedule")
                .then().statusCode(200);
    }

    @Test
    @DisplayName("BLK-05: a dry run reports per-target changes and changes nothing; the real run applies only the chosen fields")
    void dryRunThenApply() {
        Org org = Org.create("Asia/Singapore");
        UUID source = org.member();
        UUID a = org.member();
        UUID b = org.member();
        setSchedule(org, source, validWeek()); // Berlin, Monday cap 3, opportunity cap 5, Tuesday 10-19 with 2 breaks
        String path = "/api/v1/users/" + source + "/work-schedule/apply-to-others";

        org.owner().body(request("\"DAILY_CAPS\",\"OPPORTUNITY_CAP\",\"WEEKLY_HOURS\"", true, a, b)).post(path).then()
                .statusCode(200).body("applied", equalTo(false)).body("targets", hasSize(2))
                .body("targets[0].userId", equalTo(a.toString()))
                .body("targets[0].changes.dailyCaps.from.MONDAY", nullValue())
                .body("targets[0].changes.dailyCaps.to.MONDAY", equalTo(3))
                .body("targets[0].changes.opportunityCap.to", equalTo(5))
                .body("targets[0].changes.weeklyHours.to.TUESDAY.start", equalTo("10:00"))
                .body("targets[0].changes.breaks", nullValue());
        String etagA = org.read(a).etag();
        assertEquals("\"0\"", etagA);

        org.owner().body(request("\"DAILY_CAPS\",\"OPPORTUNITY_CAP\",\"WEEKLY_HOURS\"", false, a, b)).post(path).then()
                .statusCode(200).body("applied", equalTo(true));
        for (UUID target : new UUID[] {a, b}) {
            org.owner().get("/api/v1/users/" + target + "/work-schedule").then()
                    .body("weekdays[0].dailyCap", equalTo(3)).body("opportunityCap", equalTo(5))
                    .body("weekdays[1].start", equalTo("10:00")).body("weekdays[1].end", equalTo("19:00"))
                    .body("weekdays[1].breaks.start", contains("12:00")) // breaks were not chosen
                    .body("timeZone", equalTo("Asia/Singapore")); // the zone is never applied
        }
        // the source is untouched; applying again changes nothing
        org.owner().get("/api/v1/users/" + source + "/work-schedule").then().body("timeZone", equalTo("Europe/Berlin"));
        String etagAfter = org.read(a).etag();
        org.owner().body(request("\"DAILY_CAPS\"", false, a)).post(path).then().statusCode(200)
                .body("targets[0].changes.size()", equalTo(0));
        assertEquals(etagAfter, org.read(a).etag());
    }

    @Test
    @DisplayName("BLK-05 + SCH-01/SCH-02: a result a target cannot hold refuses the whole request; nothing changes")
    void conflictsRefuseEverything() {
        Org org = Org.create("Asia/Singapore");
        UUID source = org.member();
        UUID fine = org.member();
        UUID weekendOff = org.member();
        // the source works Saturday with a cap; weekendOff has Saturday off
        String saturdayOn = validWeek().replace(
                "{\"day\":\"SATURDAY\",\"enabled\":false,\"start\":null,\"end\":null,\"breaks\":[],\"dailyCap\":null}",
                "{\"day\":\"SATURDAY\",\"enabled\":true,\"start\":\"10:00\",\"end\":\"14:00\",\"breaks\":[{\"start\":\"13:30\",\"end\":\"14:00\"}],\"dailyCap\":2}");
        setSchedule(org, source, saturdayOn);
        setSchedule(org, fine, saturdayOn.replace("\"dailyCap\":2", "\"dailyCap\":null"));
        String path = "/api/v1/users/" + source + "/work-schedule/apply-to-others";
        String fineBefore = org.read(fine).body();

        org.owner().body(request("\"DAILY_CAPS\",\"BREAKS\"", false, fine, weekendOff)).post(path).then()
                .statusCode(409).body("code", equalTo("schedule-conflict"))
                .body("errors.field", hasItem("targetUserIds[1].weekdays[5].dailyCap"))
                .body("errors.find { it.field == 'targetUserIds[1].weekdays[5].dailyCap' }.code", equalTo("cap-on-disabled-day"))
                .body("errors.field", hasItem("targetUserIds[1].weekdays[5].breaks[0]"));
        assertEquals(fineBefore, org.read(fine).body());
        assertEquals("\"0\"", org.read(weekendOff).etag());

        // with the hours copied too, the same request fits
        org.owner().body(request("\"WEEKLY_HOURS\",\"DAILY_CAPS\",\"BREAKS\"", false, fine, weekendOff)).post(path).then()
                .statusCode(200).body("targets[1].changes.weeklyHours.to.SATURDAY.enabled", equalTo(true));
        org.owner().get("/api/v1/users/" + weekendOff + "/work-schedule").then()
                .body("weekdays[5].dailyCap", equalTo(2)).body("weekdays[5].breaks[0].start", equalTo("13:30"));
    }

    @Test
    @DisplayName("BLK-05: only OWNERs; unknown or foreign targets name the field; a foreign source is 404; no targets change nothing")
    void refusals() {
        Org org = Org.create("Asia/Singapore");
        UUID source = org.member();
        UUID target = org.member();
        String path = "/api/v1/users/" + source + "/work-schedule/apply-to-others";
        org.manager().body(request("\"DAILY_CAPS\"", false, target)).post(path).then().statusCode(403);
        org.as(source, "member").body(request("\"DAILY_CAPS\"", false, target)).post(path).then().statusCode(403);
        org.owner().body(request("\"TIME_ZONE\"", false, target)).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("fields[0]"));
        Org other = Org.create("Asia/Seoul");
        UUID foreign = other.member();
        org.owner().body(request("\"DAILY_CAPS\"", false, target, foreign)).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("targetUserIds[1]")).body("errors[0].code", equalTo("unknown-reference"));
        other.owner().body(request("\"DAILY_CAPS\"", false, foreign)).post(path).then().statusCode(404);
        org.owner().body(request("\"DAILY_CAPS\"", false)).post(path).then().statusCode(200).body("targets", hasSize(0));
        org.owner().body(request("", false, target)).post(path).then().statusCode(200)
                .body("targets[0].changes.size()", equalTo(0));
        assertEquals("\"0\"", org.read(target).etag());
        assertEquals("\"0\"", other.read(foreign).etag());
    }
}
