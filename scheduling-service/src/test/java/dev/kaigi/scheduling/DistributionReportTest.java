package dev.kaigi.scheduling;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.hostOf;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AVL-05 through the API (a pool's weights and priorities, and the counts the fair choice reads kept by
 * booking, cancelling and moving) and AVL-06's distribution report (JSON and CSV).
 */
@QuarkusTest
class DistributionReportTest {

    private static final String ZONE = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static String weighted(String name, String pool) {
        return """
                {"name":"%s","durationMinutes":60,"conferencingMethod":"PHONE","weightedHostPool":%s,"slotStepMinutes":60,
                 "minimumNoticeMinutes":0,"bookingHorizonDays":365}""".formatted(name, pool);
    }

    @Test
    @DisplayName("AVL-05: a pool given with weights and priorities reads back with them; a pool by ids alone has weight 1 and "
            + "priority 0; a weight or priority out of range, a host unknown, or both pools at once is 400 naming the field")
    void weightsThroughTheApi() {
        Org org = Org.create(ZONE);
        UUID a = host(org, ScheduleBody.in(ZONE));
        UUID b = host(org, ScheduleBody.in(ZONE));
        JsonPath created = org.manager().body(weighted("Weighted", """
                        [{"userId":"%s","weight":3,"priority":2},{"userId":"%s"}]""".formatted(a, b)))
                .post("/api/v1/meeting-types").then().statusCode(201).extract().jsonPath();
        assertEquals(List.of(a.toString(), b.toString()), created.getList("hostPool"));
        assertEquals(List.of(3, 1), created.getList("weightedHostPool.weight"));
        assertEquals(List.of(2, 0), created.getList("weightedHostPool.priority"));
        assertEquals(List.of(1, 1), meetingType(org, "By ids", 30, "PHONE", 30, a, b).jsonPath().getList("weightedHostPool.weight"));

        Map<String, String> refused = Map.of(
                "[{\"userId\":\"%s\",\"weight\":0}]".formatted(a), "weightedHostPool[0].weight",
                "[{\"userId\":\"%s\",\"weight\":101}]".formatted(a), "weightedHostPool[0].weight",
                "[{\"userId\":\"%s\",\"priority\":101}]".formatted(a), "weightedHostPool[0].priority",
                "[{\"userId\":\"%s\"},{\"userId\":\"%s\",\"priority\":-101}]".formatted(a, b), "weightedHostPool[1].priority",
                "[{\"weight\":2}]", "weightedHostPool[0].userId",
                "[{\"userId\":\"%s\"},{\"userId\":\"%s\"}]".formatted(a, UUID.randomUUID()), "weightedHostPool[1].userId",
                "[{\"userId\":\"%s\"},{\"userId\":\"%s\"}]".formatted(a, a), "weightedHostPool[1].userId");
        refused.forEach((pool, field) -> org.manager().body(weighted("Refused " + UUID.randomUUID(), pool))
                .post("/api/v1/meeting-types").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field)));
        org.manager().body("""
                        {"name":"Twice","durationMinutes":60,"conferencingMethod":"PHONE","hostPool":["%s"],
                         "weightedHostPool":[{"userId":"%s"}]}""".formatted(a, a))
                .post("/api/v1/meeting-types").then().statusCode(400).contentType("application/problem+json")
                .body("errors.find { it.field == 'weightedHostPool' }.code", equalTo("pool-given-twice"));
    }

    @Test
    @DisplayName("AVL-05, AVL-06: weights 1 and 3 share the pool's meetings 1:3; a host without a calendar and a host whose "
            + "time is taken are recorded as passed over with their reasons; cancelling and moving keep the pool's counts equal "
            + "to its meetings; the report pages, lists a host who left the pool, and exports CSV with formulas defused")
    void distribution() {
        Org org = Org.create(ZONE);
        UUID a = host(org, ScheduleBody.in(ZONE));
        UUID b = host(org, ScheduleBody.in(ZONE));
        UUID c = UUID.randomUUID(); // no calendar: never eligible; a name a spreadsheet would run
        TestEvents.publish(new UserJoined(org.id(), c, "c" + c.toString().substring(0, 8) + "@acme.example", "=1+2", "-Hana, \"x\"",
                Role.MEMBER, UserType.REGULAR, UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null, null));
        org.await(c);
        String type = org.manager().body(weighted("Distributed", """
                        [{"userId":"%s","weight":1},{"userId":"%s","weight":3},{"userId":"%s","weight":1}]""".formatted(a, b, c)))
                .post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
        String onlyB = meetingType(org, "Only B", 60, "PHONE", 60, b).path("id");
        LocalDate monday = upcoming(DayOfWeek.MONDAY, ZONE);

        // (meetings in the window + 1) / weight: b 1/3, b 2/3, then a 1 against b 1 (a tie: a has fewer that day), b 4/3 < a 2
        assertEquals(List.of(b, b, a, b), List.of(book(org, type, monday, "10:00"), book(org, type, monday, "11:00"),
                book(org, type, monday, "13:00"), book(org, type, monday, "14:00")));
        hostOf(org, onlyB, at(monday, "15:00", ZONE));
        assertEquals(a, book(org, type, monday, "15:00"), "b first by weight, but busy at 15:00");

        Instant from = at(monday, "00:00", ZONE);
        Instant to = at(monday.plusDays(7), "00:00", ZONE);
        JsonPath report = report(org, type, from, to, "");
        assertEquals(5, report.getInt("totalMeetings"));
        assertEquals(List.of(a.toString(), b.toString(), c.toString()), report.getList("items.hostUserId"));
        assertEquals(List.of(2, 3, 0), report.getList("items.meetings"));
        assertEquals(List.of(0.4f, 0.6f, 0f), report.getList("items.share", Float.class));
        assertEquals(List.of(0.2f, 0.6f, 0.2f), report.getList("items.targetShare", Float.class));
        assertEquals(5, report.getInt("items[2].passedOver.calendar-not-connected"));
        assertEquals(1, report.getInt("items[1].passedOver.overlapping-meeting"));
        assertEquals(0, report.getInt("items[0].passedOver.overlapping-meeting"));

        // a's 15:00 meeting cancelled: it counts for nobody; b's 10:00 moved to Tuesday: its count moves with it
        String aAt15 = bookingAt(org, a, at(monday, "15:00", ZONE));
        org.manager().body("{}").post("/api/v1/bookings/" + aAt15 + "/cancel").then().statusCode(200);
        String bAt10 = bookingAt(org, b, at(monday, "10:00", ZONE));
        org.manager().body("{\"start\":\"" + at(monday.plusDays(1), "10:00", ZONE) + "\"}")
                .post("/api/v1/bookings/" + bAt10 + "/reschedule").then().statusCode(200).body("hostUserId", equalTo(b.toString()));
        assertEquals("0", sql(db, countsOffBy(org)), "the pool's counts equal its meetings per host and day");
        report = report(org, type, from, to, "");
        assertEquals(List.of(1, 3, 0), report.getList("items.meetings"));
        assertEquals(4, report.getInt("items[2].passedOver.calendar-not-connected"), "the cancelled meeting no longer counts");

        // b leaves the pool: still reported (after the pool), without a weight or a target
        String etag = org.manager().get("/api/v1/meeting-types/" + type).header("ETag");
        org.manager().header("If-Match", etag).body(weighted("Distributed", """
                        [{"userId":"%s","weight":1},{"userId":"%s","weight":1}]""".formatted(a, c)))
                .put("/api/v1/meeting-types/" + type).then().statusCode(200);
        report = report(org, type, from, to, "&size=2");
        assertEquals(3, report.getInt("totalItems"));
        assertEquals(2, report.getInt("totalPages"));
        assertEquals(List.of(a.toString(), c.toString()), report.getList("items.hostUserId"));
        report = report(org, type, from, to, "&size=2&page=1");
        assertEquals(b.toString(), report.getString("items[0].hostUserId"));
        assertEquals(false, report.getBoolean("items[0].inPool"));
        assertNull(report.get("items[0].weight"));
        assertEquals(0f, report.getFloat("items[0].targetShare"));

        String csv = org.manager().accept("text/csv").get(path(type, from, to, "")).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(4, lines.length, csv);
        assertTrue(lines[0].startsWith("hostUserId,lastName,firstName,inPool,weight,priority,meetings,share,targetShare,passedOver:"), lines[0]);
        assertTrue(lines[2].startsWith(c + ",'=1+2,\"'-Hana, \"\"x\"\"\",true,1,0,0,0.0,0.5,"), lines[2]);
        assertEquals(csv, org.manager().get(path(type, from, to, "&format=csv")).then().statusCode(200).extract().asString());
    }

    @Test
    @DisplayName("AVL-06: a period missing, reversed or over 366 days, or a format other than json or csv, is 400 naming the "
            + "parameter; another organization's meeting type is 404")
    void refusals() {
        Org org = Org.create(ZONE);
        UUID a = host(org, ScheduleBody.in(ZONE));
        String type = meetingType(org, "Refusals", 60, "PHONE", 60, a).path("id");
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        Map<String, String> refused = Map.of(
                "?to=" + t, "from",
                "?from=" + t, "to",
                "?from=yesterday&to=" + t, "from",
                "?from=" + t + "&to=" + t, "to",
                "?from=" + t + "&to=" + t.plusSeconds(367L * 86_400), "to",
                "?from=" + t + "&to=" + t.plusSeconds(86_400) + "&format=xml", "format");
        refused.forEach((query, field) -> org.manager().get("/api/v1/meeting-types/" + type + "/distribution" + query).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field)));
        Org other = Org.create(ZONE);
        other.owner().get(path(type, t, t.plusSeconds(86_400), "")).then().statusCode(404).contentType("application/problem+json");
    }

    private static UUID book(Org org, String type, LocalDate day, String time) {
        return UUID.fromString(hostOf(org, type, at(day, time, ZONE)));
    }

    private static String bookingAt(Org org, UUID host, Instant start) {
        return org.manager().get("/api/v1/bookings?hostUserId=" + host + "&status=BOOKED&from=" + start + "&to=" + start.plusSeconds(60))
                .then().statusCode(200).extract().path("items[0].id");
    }

    private static String path(String type, Instant from, Instant to, String more) {
        return "/api/v1/meeting-types/" + type + "/distribution?from=" + from + "&to=" + to + more;
    }

    private static JsonPath report(Org org, String type, Instant from, Instant to, String more) {
        return org.manager().get(path(type, from, to, more)).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** How many (meeting type, host, day) of the organization's pools count other than their booked meetings. */
    private static String countsOffBy(Org org) {
        return """
                select count(*) from (
                    select meeting_type_id, host_user_id as user_id, host_day as day, count(*) as n
                    from booking where org_id = '%1$s' and status = 'BOOKED' group by 1, 2, 3) b
                full join (select * from pool_host_day where meetings > 0
                           and meeting_type_id in (select id from meeting_type where org_id = '%1$s')) p
                    using (meeting_type_id, user_id, day)
                where coalesce(b.n, 0) <> coalesce(p.meetings, 0)""".formatted(org.id());
    }
}
