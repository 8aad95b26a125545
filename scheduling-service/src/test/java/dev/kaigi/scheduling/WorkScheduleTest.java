package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.scheduling.SchedulingFixtures.Read;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.SchedulingFixtures.validWeek;
import static dev.kaigi.scheduling.SchedulingFixtures.week;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's work schedule: contents, validation, edit rights, concurrency (SCH-01, SCH-02, SCH-04, SCH-05, ORG-01). */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkScheduleTest {

    private static final String LUNCH = "[{\"start\":\"12:00\",\"end\":\"13:00\"}]";

    @Inject
    AgroalDataSource db;

    private Org org;
    private UUID user;

    /** One organization for the class, made in the first test (RestAssured is ready only then). */
    @BeforeEach
    void organization() {
        if (org != null) {
            return;
        }
        org = Org.create("America/New_York");
        user = org.member();
    }

    @Test
    @DisplayName("SCH-05: a new user starts with the system defaults in the organization's zone")
    void startsWithSystemDefaults() {
        UUID fresh = org.member();
        org.owner().get("/api/v1/users/" + fresh + "/work-schedule").then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("userId", equalTo(fresh.toString()))
                .body("timeZone", equalTo("America/New_York"))
                .body("opportunityCap", nullValue())
                .body("weekdays.day", contains("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"))
                .body("weekdays.enabled", contains(true, true, true, true, true, false, false))
                .body("weekdays[0].start", equalTo("09:00")).body("weekdays[4].end", equalTo("18:00"))
                .body("weekdays[2].breaks[0].start", equalTo("12:00")).body("weekdays[2].breaks[0].end", equalTo("13:00"))
                .body("weekdays[5].breaks", hasSize(0))
                .body("weekdays.dailyCap", everyNull());
    }

    private static org.hamcrest.Matcher<Iterable<? super Object>> everyNull() {
        return not(hasItem(not(nullValue())));
    }

    @Test
    @DisplayName("SCH-01, SCH-02, SCH-04: an OWNER replaces a schedule with If-Match; the new ETag follows, a stale one is refused")
    void replaceWithIfMatch() {
        UUID target = org.member();
        Read before = org.read(target);
        String etag = org.owner().header("If-Match", before.etag()).body(validWeek())
                .put("/api/v1/users/" + target + "/work-schedule").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("opportunityCap", equalTo(5))
                .body("weekdays[0].dailyCap", equalTo(3))
                .body("weekdays[1].start", equalTo("10:00"))
                .body("weekdays[1].breaks.start", contains("12:00", "15:00"))
                .extract().header("ETag");
        assertNotEquals(before.etag(), etag);
        org.owner().get("/api/v1/users/" + target + "/work-schedule").then()
                .header("ETag", equalTo(etag)).body("weekdays[0].dailyCap", equalTo(3)).body("opportunityCap", equalTo(5));
        assertEquals(3, queryInt("select daily_cap from work_day d join work_schedule s on s.id = d.schedule_id"
                + " where s.user_id = '" + target + "' and d.weekday = 'MONDAY'"));
        assertEquals(2, queryInt("select count(*) from work_break b join work_schedule s on s.id = b.schedule_id"
                + " where s.user_id = '" + target + "' and b.weekday = 'TUESDAY'"));

        org.owner().header("If-Match", before.etag()).body(validWeek()).put("/api/v1/users/" + target + "/work-schedule")
                .then().statusCode(412).contentType("application/problem+json").body("code", equalTo("precondition-failed"));
        org.owner().body(validWeek()).put("/api/v1/users/" + target + "/work-schedule")
                .then().statusCode(428).body("code", equalTo("precondition-required"));
        // caps back to unlimited
        org.owner().header("If-Match", etag).body(week("Europe/Berlin", "null", "null", "[]"))
                .put("/api/v1/users/" + target + "/work-schedule").then().statusCode(200)
                .body("opportunityCap", nullValue()).body("weekdays[0].dailyCap", nullValue());
    }

    @ParameterizedTest(name = "SCH-01/SCH-02/SCH-04 bad input {0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "unknown zone             | timeZone                  | time-zone           | Mars/Olympus | 5    | 3    | []",
            "offset is not a zone     | timeZone                  | time-zone           | +09:00       | 5    | 3    | []",
            "cap 0                    | weekdays[0].dailyCap      | range               | Asia/Tokyo   | 5    | 0    | []",
            "cap -1                   | weekdays[0].dailyCap      | range               | Asia/Tokyo   | 5    | -1   | []",
            "cap 1.5                  | weekdays[0].dailyCap      | invalid-value       | Asia/Tokyo   | 5    | 1.5  | []",
            "cap x                    | weekdays[0].dailyCap      | invalid-value       | Asia/Tokyo   | 5    | \"x\" | []",
            "cap as string            | weekdays[0].dailyCap      | invalid-value       | Asia/Tokyo   | 5    | \"3\" | []",
            "opportunity cap 0        | opportunityCap            | range               | Asia/Tokyo   | 0    | 3    | []",
            "opportunity cap 2.5      | opportunityCap            | invalid-value       | Asia/Tokyo   | 2.5  | 3    | []",
            "break outside window     | weekdays[1].breaks[0]     | break-outside-window | Asia/Tokyo  | 5    | 3    | [{\"start\":\"09:00\",\"end\":\"10:30\"}]",
            "break after window       | weekdays[1].breaks[0]     | break-outside-window | Asia/Tokyo  | 5    | 3    | [{\"start\":\"18:30\",\"end\":\"19:30\"}]",
            "overlapping breaks       | weekdays[1].breaks[1]     | breaks-overlap      | Asia/Tokyo   | 5    | 3    | [{\"start\":\"12:00\",\"end\":\"13:00\"},{\"start\":\"12:30\",\"end\":\"14:00\"}]",
            "break ends before start  | weekdays[1].breaks[0].end | end-not-after-start | Asia/Tokyo   | 5    | 3    | [{\"start\":\"14:00\",\"end\":\"13:00\"}]",
            "break time not a time    | weekdays[1].breaks[0].end | invalid-value       | Asia/Tokyo   | 5    | 3    | [{\"start\":\"14:00\",\"end\":\"25:00\"}]",
    })
    void badInputIsRefusedAndChangesNothing(String label, String field, String code, String zone, String oppCap,
                                             String mondayCap, String tuesdayBreaks) {
        Read before = org.read(user);
        org.owner().header("If-Match", before.etag()).body(week(zone, oppCap, mondayCap, tuesdayBreaks))
                .put("/api/v1/users/" + user + "/work-schedule").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.code", equalTo(code));
        Read after = org.read(user);
        assertEquals(before, after, "nothing changed");
    }

    @Test
    @DisplayName("SCH-02: a cap on a disabled weekday, an end before the start, a missing window are refused, in Japanese too")
    void crossFieldRulesInBothLanguages() {
        Read before = org.read(user);
        String body = validWeek()
                .replace("{\"day\":\"SATURDAY\",\"enabled\":false,\"start\":null,\"end\":null,\"breaks\":[],\"dailyCap\":null}",
                        "{\"day\":\"SATURDAY\",\"enabled\":false,\"start\":null,\"end\":null,\"breaks\":[],\"dailyCap\":2}")
                .replace("{\"day\":\"WEDNESDAY\",\"enabled\":true,\"start\":\"09:00\",\"end\":\"18:00\"",
                        "{\"day\":\"WEDNESDAY\",\"enabled\":true,\"start\":\"18:00\",\"end\":\"09:00\"")
                .replace("{\"day\":\"THURSDAY\",\"enabled\":true,\"start\":\"09:00\",\"end\":\"18:00\"",
                        "{\"day\":\"THURSDAY\",\"enabled\":true,\"start\":null,\"end\":null");
        org.owner().header("If-Match", before.etag()).header("Accept-Language", "ja").body(body)
                .put("/api/v1/users/" + user + "/work-schedule").then()
                .statusCode(400).header("Content-Language", "ja")
                .body("title", equalTo("リクエストが不正です"))
                .body("errors.find { it.field == 'weekdays[5].dailyCap' }.code", equalTo("cap-on-disabled-day"))
                .body("errors.find { it.field == 'weekdays[5].dailyCap' }.message", equalTo("無効な曜日には日次面談上限を設定できません。"))
                .body("errors.find { it.field == 'weekdays[2].end' }.code", equalTo("end-not-after-start"))
                .body("errors.find { it.field == 'weekdays[3].start' }.code", equalTo("required"));
        org.owner().header("If-Match", before.etag()).header("Accept-Language", "en").body(body)
                .put("/api/v1/users/" + user + "/work-schedule").then()
                .statusCode(400)
                .body("errors.find { it.field == 'weekdays[5].dailyCap' }.message",
                        equalTo("A daily cap cannot be set on a disabled weekday."));
        // a weekday twice, or six days
        org.owner().header("If-Match", before.etag()).body(validWeek().replace("\"day\":\"SUNDAY\"", "\"day\":\"MONDAY\""))
                .put("/api/v1/users/" + user + "/work-schedule").then()
                .statusCode(400).body("errors.find { it.field == 'weekdays[6].day' }.code", equalTo("duplicate-day"));
        org.owner().header("If-Match", before.etag())
                .body(validWeek().replace(",\n {\"day\":\"SUNDAY\",\"enabled\":false,\"start\":null,\"end\":null,\"breaks\":[],\"dailyCap\":null}", ""))
                .put("/api/v1/users/" + user + "/work-schedule").then()
                .statusCode(400).body("errors.field", hasItem("weekdays"));
        org.owner().header("If-Match", before.etag()).body("{\"timeZone\":\"Asia/Tokyo\",\"weekdays\":[],\"surprise\":1}")
                .put("/api/v1/users/" + user + "/work-schedule").then()
                .statusCode(400).body("errors.field", hasItem("surprise"));
        assertEquals(before, org.read(user));
    }

    @Test
    @DisplayName("USR-02 applied to schedules: OWNER edits anyone, users only themselves; MANAGER reads all; other organizations 404")
    void editRights() {
        UUID self = org.member();
        UUID other = org.member();
        String etag = org.read(self).etag();
        // a member edits their own schedule
        etag = org.as(self, "member").header("If-Match", etag).body(validWeek())
                .put("/api/v1/users/" + self + "/work-schedule").then().statusCode(200).extract().header("ETag");
        org.as(self, "restricted").get("/api/v1/users/" + self + "/work-schedule").then().statusCode(200);
        // ... but not another's, not even a manager
        String otherEtag = org.read(other).etag();
        for (String role : new String[] {"member", "manager", "restricted"}) {
            org.as(self, role).header("If-Match", otherEtag).body(validWeek())
                    .put("/api/v1/users/" + other + "/work-schedule").then().statusCode(403).body("code", equalTo("forbidden"));
            org.as(self, role).post("/api/v1/users/" + other + "/work-schedule/apply-defaults").then().statusCode(403);
        }
        org.as(self, "member").get("/api/v1/users/" + other + "/work-schedule").then().statusCode(403);
        org.manager().get("/api/v1/users/" + other + "/work-schedule").then().statusCode(200);
        assertEquals(otherEtag, org.read(other).etag());

        // another organization's owner cannot see or touch it; unknown users are 404 too
        Org stranger = new Org(UUID.randomUUID(), "Asia/Tokyo");
        stranger.owner().get("/api/v1/users/" + self + "/work-schedule").then().statusCode(404).body("code", equalTo("not-found"));
        stranger.owner().header("If-Match", etag).body(validWeek()).put("/api/v1/users/" + self + "/work-schedule")
                .then().statusCode(404);
        stranger.owner().post("/api/v1/users/" + self + "/work-schedule/apply-defaults").then().statusCode(404);
        org.owner().get("/api/v1/users/" + UUID.randomUUID() + "/work-schedule").then().statusCode(404);
        assertEquals(etag, org.read(self).etag());

        io.restassured.RestAssured.given().get("/api/v1/users/" + self + "/work-schedule").then().statusCode(401);
    }

    @Test
    @DisplayName("SCH-01: two editors racing with the same ETag: exactly one wins, the other gets 412, the schedule is the winner's")
    void concurrentEditsWithOneEtag() throws Exception {
        UUID target = org.member();
        String etag = org.read(target).etag();
        String[] bodies = {week("Asia/Seoul", "1", "1", "[]"), week("Europe/Paris", "2", "2", "[]")};
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (String body : bodies) {
                results.add(pool.submit(() -> {
                    start.await();
                    return org.owner().header("If-Match", etag).body(body)
                            .put("/api/v1/users/" + target + "/work-schedule").statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var r : results) {
                statuses.add(r.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
            int winner = statuses.indexOf(200);
            org.owner().get("/api/v1/users/" + target + "/work-schedule").then()
                    .body("timeZone", equalTo(winner == 0 ? "Asia/Seoul" : "Europe/Paris"))
                    .body("weekdays[0].dailyCap", equalTo(winner + 1)).header("ETag", equalTo("\"1\""));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("SCH-01, SCH-02: the database itself refuses a cap on a disabled day, overlapping breaks, an end before the start")
    void databaseConstraints() throws SQLException {
        UUID target = org.member();
        String schedule = "(select id from work_schedule where user_id = '" + target + "')";
        assertThrows(SQLException.class, () -> execute(
                "update work_day set daily_cap = 2 where weekday = 'SUNDAY' and schedule_id = " + schedule));
        assertThrows(SQLException.class, () -> execute(
                "update work_day set daily_cap = 0 where weekday = 'MONDAY' and schedule_id = " + schedule));
        assertThrows(SQLException.class, () -> execute(
                "update work_day set end_time = '08:00' where weekday = 'MONDAY' and schedule_id = " + schedule));
        assertThrows(SQLException.class, () -> execute("insert into work_break (schedule_id, weekday, start_time, end_time)"
                + " select id, 'MONDAY', '12:30', '13:30' from work_schedule where user_id = '" + target + "'"));
        execute("insert into work_break (schedule_id, weekday, start_time, end_time)"
                + " select id, 'MONDAY', '13:00', '13:30' from work_schedule where user_id = '" + target + "'");
        assertTrue(queryInt("select count(*) from work_break where schedule_id = " + schedule + " and weekday = 'MONDAY'") == 2);
    }

    @Test
    @DisplayName("SCH-05: apply-defaults copies the system defaults when the organization has none")
    void applyDefaultsWithoutOrganizationDefaults() {
        UUID target = org.member();
        String etag = org.read(target).etag();
        etag = org.owner().header("If-Match", etag).body(validWeek()).put("/api/v1/users/" + target + "/work-schedule")
                .then().statusCode(200).extract().header("ETag");
        org.as(target, "member").header("If-Match", "\"999\"").post("/api/v1/users/" + target + "/work-schedule/apply-defaults")
                .then().statusCode(412);
        org.as(target, "member").header("If-Match", etag).post("/api/v1/users/" + target + "/work-schedule/apply-defaults")
                .then().statusCode(200)
                .body("timeZone", equalTo("America/New_York")).body("opportunityCap", nullValue())
                .body("weekdays[0].dailyCap", nullValue()).body("weekdays[1].start", equalTo("09:00"))
                .body("weekdays[1].breaks.start", contains("12:00"))
                .header("ETag", not(equalTo(etag)));
        org.owner().get("/api/v1/users/" + target + "/work-schedule").then().body("weekdays[1].breaks", hasSize(1))
                .body(containsString("America/New_York"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int queryInt(String sql) {
        return Integer.parseInt(SchedulingFixtures.sqlValue(db, sql));
    }
}
