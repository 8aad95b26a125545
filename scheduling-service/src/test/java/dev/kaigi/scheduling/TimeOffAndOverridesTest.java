package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Availability as people really work: date overrides (AVL-01) and time off moving the meetings inside it (AVL-02, MTG-05). */
@QuarkusTest
class TimeOffAndOverridesTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static List<String> slots(Org org, String type, LocalDate day) {
        return org.owner().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("timeZone", TOKYO)
                .get("/api/v1/meeting-types/" + type + "/availability").then().statusCode(200)
                .extract().path("days.slots.flatten().start");
    }

    private static String override(String enabled, String start, String end, String breaks, String cap) {
        return """
                {"enabled":%s,"start":%s,"end":%s,"breaks":%s,"dailyCap":%s}""".formatted(enabled, quoted(start), quoted(end), breaks, cap);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    @DisplayName("AVL-01: a date override's hours and breaks win over the weekday's, a day-off override closes the date; booking agrees; removing it restores the week")
    void overridesWinOverTheWeek() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).hours("09:00", "18:00"));
        String type = meetingType(org, "Demo", 60, "PHONE", 60, a).path("id");
        LocalDate monday = upcoming(DayOfWeek.MONDAY, TOKYO);
        LocalDate tuesday = monday.plusDays(1);
        assertEquals(9, slots(org, type, monday).size());

        org.as(a, "member").body(override("true", "13:00", "17:00", "[{\"start\":\"14:00\",\"end\":\"15:00\"}]", "2"))
                .put("/api/v1/users/" + a + "/date-overrides/" + monday).then().statusCode(200)
                .body("date", equalTo(monday.toString())).body("start", equalTo("13:00")).body("dailyCap", equalTo(2));
        org.owner().body(override("false", null, null, "[]", "null"))
                .put("/api/v1/users/" + a + "/date-overrides/" + tuesday).then().statusCode(200).body("enabled", equalTo(false));
        org.manager().get("/api/v1/users/" + a + "/date-overrides?from=" + monday + "&to=" + tuesday).then().statusCode(200)
                .body("overrides.date", contains(monday.toString(), tuesday.toString()))
                .body("overrides[0].breaks[0].start", equalTo("14:00"));

        List<String> mondaySlots = slots(org, type, monday);
        assertEquals(List.of(at(monday, "13:00", TOKYO), at(monday, "15:00", TOKYO), at(monday, "16:00", TOKYO)),
                mondaySlots.stream().map(s -> Instant.from(java.time.OffsetDateTime.parse(s))).toList());
        assertTrue(slots(org, type, tuesday).isEmpty(), "a day off offers nothing");
        org.manager().body(bookingBody(type, at(monday, "10:00", TOKYO), "early@customer.example")).post("/api/v1/bookings")
                .then().statusCode(409).body("errors[0].code", equalTo("outside-working-hours"));
        org.manager().body(bookingBody(type, at(monday, "14:00", TOKYO), "break@customer.example")).post("/api/v1/bookings")
                .then().statusCode(409).body("errors[0].code", equalTo("in-break"));
        org.manager().body(bookingBody(type, at(tuesday, "10:00", TOKYO), "off@customer.example")).post("/api/v1/bookings")
                .then().statusCode(409).body("errors[0].code", equalTo("outside-working-hours"));
        org.manager().body(bookingBody(type, at(monday, "13:00", TOKYO), "one@customer.example")).post("/api/v1/bookings").then().statusCode(201);
        org.manager().body(bookingBody(type, at(monday, "15:00", TOKYO), "two@customer.example")).post("/api/v1/bookings").then().statusCode(201);
        org.manager().body(bookingBody(type, at(monday, "16:00", TOKYO), "three@customer.example")).post("/api/v1/bookings")
                .then().statusCode(409).body("errors[0].code", equalTo("daily-cap-reached")); // the override's cap

        org.as(a, "member").delete("/api/v1/users/" + a + "/date-overrides/" + tuesday).then().statusCode(204);
        org.as(a, "member").delete("/api/v1/users/" + a + "/date-overrides/" + tuesday).then().statusCode(404);
        assertEquals(9, slots(org, type, tuesday).size());
        assertEquals("DATE_OVERRIDE_SET,DATE_OVERRIDE_SET,DATE_OVERRIDE_REMOVED", sql(db, "select string_agg(action, ',' order by seq) from audit_trail"
                + " where target_user_id = '" + a + "' and org_id = '" + org.id() + "' and action like 'DATE_OVERRIDE%'"));
    }

    @Test
    @DisplayName("AVL-01: an override is checked as a weekday (named fields, both languages) and only its user or an OWNER sets it; another organization's user is 404")
    void overrideRulesAndRights() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = org.member();
        LocalDate day = upcoming(DayOfWeek.FRIDAY, TOKYO);
        String path = "/api/v1/users/" + a + "/date-overrides/" + day;
        org.owner().body(override("true", "10:00", "12:00", "[{\"start\":\"11:30\",\"end\":\"12:30\"}]", "null")).put(path)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("breaks[0]"))
                .body("errors[0].code", equalTo("break-outside-window"));
        org.owner().body(override("false", null, null, "[]", "3")).put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("dailyCap")).body("errors[0].code", equalTo("cap-on-disabled-day"));
        org.owner().header("Accept-Language", "ja").body(override("true", "12:00", "10:00", "[]", "null")).put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("end")).body("errors[0].code", equalTo("end-not-after-start"));
        org.owner().body(override("true", "10:00", "12:00", "[]", "null"))
                .put("/api/v1/users/" + a + "/date-overrides/" + LocalDate.now().minusDays(5)).then().statusCode(400)
                .body("errors[0].field", equalTo("date")).body("errors[0].code", equalTo("date-in-past"));
        org.owner().body(override("true", "10:00", "12:00", "[]", "null")).put("/api/v1/users/" + a + "/date-overrides/2026-13-01")
                .then().statusCode(400).body("errors[0].field", equalTo("date"));
        org.as(b, "member").body(override("false", null, null, "[]", "null")).put(path).then().statusCode(403);
        org.manager().body(override("false", null, null, "[]", "null")).put(path).then().statusCode(403);
        Org other = Org.create(TOKYO);
        other.owner().body(override("false", null, null, "[]", "null")).put(path).then().statusCode(404);
        other.owner().get("/api/v1/users/" + a + "/date-overrides").then().statusCode(404);
        org.as(a, "member").get("/api/v1/users/" + a + "/date-overrides").then().statusCode(200).body("overrides", empty());
    }

    @Test
    @DisplayName("AVL-01, BLK-05: apply-to-others copies the source's date overrides to come, replacing the target's, and reports them in a dry run")
    void applyToOthersCopiesOverrides() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);
        org.owner().body(override("false", null, null, "[]", "null")).put("/api/v1/users/" + a + "/date-overrides/" + day).then().statusCode(200);
        org.owner().body(override("true", "10:00", "11:00", "[]", "null")).put("/api/v1/users/" + b + "/date-overrides/" + day.plusDays(1))
                .then().statusCode(200);
        String body = "{\"fields\":[\"DATE_OVERRIDES\"],\"targetUserIds\":[\"" + b + "\"],\"dryRun\":%s}";
        org.owner().body(body.formatted("true")).post("/api/v1/users/" + a + "/work-schedule/apply-to-others").then().statusCode(200)
                .body("applied", equalTo(false)).body("targets[0].changes.dateOverrides.to[0].date", equalTo(day.toString()));
        org.owner().get("/api/v1/users/" + b + "/date-overrides").then().body("overrides.date", contains(day.plusDays(1).toString()));
        org.owner().body(body.formatted("false")).post("/api/v1/users/" + a + "/work-schedule/apply-to-others").then().statusCode(200)
                .body("applied", equalTo(true));
        org.owner().get("/api/v1/users/" + b + "/date-overrides").then().body("overrides.date", contains(day.toString()))
                .body("overrides[0].enabled", equalTo(false));
    }

    @Test
    @DisplayName("AVL-03: on Japan's national holidays and the organization's own closed days nobody is offered or booked (holiday), each host "
            + "on their own local date; an override opens the day for one host")
    void holidaysCloseTheDayInEachHostsZone() {
        Org org = Org.create(TOKYO);
        UUID tokyo = host(org, ScheduleBody.in(TOKYO).hours("09:00", "18:00"));
        UUID newYork = host(org, ScheduleBody.in("America/New_York").hours("09:00", "18:00"));
        String type = meetingType(org, "Demo", 60, "PHONE", 60, tokyo, newYork).path("id");
        LocalDate comingOfAge = LocalDate.of(2027, 1, 11); // 成人の日, a Monday
        LocalDate ownDay = LocalDate.of(2027, 1, 13);
        org.manager().body("{\"calendar\":\"JP\"}").put("/api/v1/organization/holiday-settings").then().statusCode(200);
        org.manager().body("{\"name\":\"Company trip\"}").put("/api/v1/organization/closed-days/" + ownDay).then().statusCode(200);

        // Tokyo's 11th is closed; Tokyo's 11th until 08:00 is New York's 10th (open), the rest is New York's 11th (closed)
        List<String> eleventh = slots(org, type, comingOfAge);
        assertEquals(8, eleventh.size(), eleventh.toString());
        assertTrue(eleventh.stream().allMatch(x -> x.compareTo(comingOfAge + "T08:00") < 0), eleventh.toString());
        org.manager().body(bookingBody(type, at(comingOfAge, "10:00", TOKYO), "h@customer.example")).post("/api/v1/bookings")
                .then().statusCode(409).body("errors.code", contains("holiday", "outside-working-hours"));
        // New York's 10th (a Sunday there, but this host works every day) is Tokyo's 11th morning: open for them
        org.manager().body(bookingBody(type, at(comingOfAge.minusDays(1), "10:00", "America/New_York"), "ny@customer.example"))
                .post("/api/v1/bookings").then().statusCode(201).body("hostUserId", equalTo(newYork.toString()));
        org.manager().body(bookingBody(type, at(comingOfAge, "10:00", "America/New_York"), "ny2@customer.example"))
                .post("/api/v1/bookings").then().statusCode(409).body("errors.code", hasItem("holiday"));
        assertTrue(slots(org, type, ownDay).stream().allMatch(x -> x.compareTo(ownDay + "T08:00") < 0));
        assertEquals(8, slots(org, type, ownDay).size());

        org.as(tokyo, "member").body(override("true", "10:00", "12:00", "[]", "null"))
                .put("/api/v1/users/" + tokyo + "/date-overrides/" + comingOfAge).then().statusCode(200);
        org.manager().body(bookingBody(type, at(comingOfAge, "10:00", TOKYO), "open@customer.example")).post("/api/v1/bookings")
                .then().statusCode(201).body("hostUserId", equalTo(tokyo.toString()));
        org.manager().body("{\"calendar\":null}").put("/api/v1/organization/holiday-settings").then().statusCode(200);
        org.manager().body(bookingBody(type, at(comingOfAge, "10:00", "America/New_York"), "after@customer.example"))
                .post("/api/v1/bookings").then().statusCode(201).body("hostUserId", equalTo(newYork.toString()));
    }

    @Test
    @DisplayName("AVL-02, MTG-05: time off hides its slots and refuses bookings inside (absent); a new absence hands each meeting inside to "
            + "another pool host, or cancels it with host-unavailable when none can take it")
    void timeOffMovesTheMeetingsInside() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 60, "PHONE", 60, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        // 10:00 both hosts, 14:00 one of them: an absence of whoever holds 14:00 from 09:00 to 18:00
        String ten1 = org.manager().body(bookingBody(type, at(day, "10:00", TOKYO), "x@customer.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract().path("id");
        String ten2 = org.manager().body(bookingBody(type, at(day, "10:00", TOKYO), "y@customer.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract().path("id");
        var two = org.manager().body(bookingBody(type, at(day, "14:00", TOKYO), "z@customer.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract();
        UUID absent = UUID.fromString(two.path("hostUserId"));
        UUID other = absent.equals(a) ? b : a;
        String tenOfAbsent = sql(db, "select id from booking where host_user_id = '" + absent + "' and id in ('" + ten1 + "','" + ten2 + "')");

        var created = org.as(absent, "member").body("""
                        {"start":"%sT09:00:00","end":"%sT18:00:00","note":"Dentist"}""".formatted(day, day))
                .post("/api/v1/users/" + absent + "/time-off").then().statusCode(201)
                .body("timeOff.timeZone", equalTo(TOKYO)).body("timeOff.settled", equalTo(true))
                .body("meetings", hasSize(2)).extract();
        assertEquals(List.of(tenOfAbsent, two.path("id")), created.path("meetings.bookingId"));
        assertEquals(List.of("CANCELLED", "REASSIGNED"), created.path("meetings.outcome"));
        assertEquals(other.toString(), created.path("meetings[1].hostUserId"));
        assertEquals("CANCELLED host-unavailable", sql(db, "select status || ' ' || cancel_reason from booking where id = '" + tenOfAbsent + "'"));
        assertEquals("1", sql(db, "select count(*) from outbox where event_type = '" + EventTypes.MEETING_REASSIGNED.name() + "' and payload->>'bookingId' = '"
                + two.path("id") + "' and payload->>'reason' = 'HOST_ABSENT'"));

        assertTrue(slots(org, type, day).stream().noneMatch(s -> s.contains("T10:00") || s.contains("T14:00")));
        org.manager().queryParam("meetingType", type).queryParam("start", at(day, "11:00", TOKYO).toString())
                .get("/api/v1/hosts/" + absent + "/eligibility").then().statusCode(200).body("reasons", hasItem("absent"));
        org.as(absent, "member").get("/api/v1/users/" + absent + "/time-off").then().statusCode(200)
                .body("timeOff", hasSize(1)).body("timeOff[0].note", equalTo("Dentist"));
        // the other host takes 11:00; the absent host cannot, so the next booking there is refused with their reason
        org.manager().body(bookingBody(type, at(day, "11:00", TOKYO), "p@customer.example")).post("/api/v1/bookings").then().statusCode(201)
                .body("hostUserId", equalTo(other.toString()));
        org.manager().body(bookingBody(type, at(day, "11:00", TOKYO), "q@customer.example")).post("/api/v1/bookings").then().statusCode(409)
                .body("errors.code", hasItem("absent"));

        String id = created.path("timeOff.id");
        org.manager().delete("/api/v1/users/" + absent + "/time-off/" + id).then().statusCode(204);
        org.manager().delete("/api/v1/users/" + absent + "/time-off/" + id).then().statusCode(404);
        org.manager().body(bookingBody(type, at(day, "11:00", TOKYO), "r@customer.example")).post("/api/v1/bookings").then().statusCode(201)
                .body("hostUserId", equalTo(absent.toString()));
    }

    @Test
    @DisplayName("AVL-02: time off is checked (named fields) and recorded by its host, a MANAGER or an OWNER only; another organization's user is 404")
    void timeOffRulesAndRights() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = org.member();
        String path = "/api/v1/users/" + a + "/time-off";
        LocalDate day = upcoming(DayOfWeek.FRIDAY, TOKYO);
        org.owner().body("{\"start\":\"%sT18:00:00\",\"end\":\"%sT09:00:00\"}".formatted(day, day)).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("end")).body("errors[0].code", equalTo("end-not-after-start"));
        org.owner().body("{\"start\":\"%sT09:00:00\",\"end\":\"%sT09:00:00\"}".formatted(day, day.plusYears(2))).post(path).then()
                .statusCode(400).body("errors[0].code", equalTo("time-off-too-long"));
        org.owner().body("{\"start\":\"2020-01-01T09:00:00\",\"end\":\"2020-01-02T09:00:00\"}").post(path).then().statusCode(400)
                .body("errors[0].code", equalTo("end-in-past"));
        org.owner().body("{\"start\":\"%sT09:00:00\",\"end\":\"%sT10:00:00\",\"timeZone\":\"Mars/Base\"}".formatted(day, day)).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        org.owner().body("{\"start\":\"not a time\",\"end\":\"%sT10:00:00\"}".formatted(day)).post(path).then().statusCode(400);
        org.as(b, "member").body("{\"start\":\"%sT09:00:00\",\"end\":\"%sT10:00:00\"}".formatted(day, day)).post(path).then().statusCode(403);
        Org other = Org.create(TOKYO);
        other.owner().body("{\"start\":\"%sT09:00:00\",\"end\":\"%sT10:00:00\"}".formatted(day, day)).post(path).then().statusCode(404);
        org.manager().body("{\"start\":\"%sT09:00:00\",\"end\":\"%sT10:00:00\",\"timeZone\":\"America/New_York\"}".formatted(day, day))
                .post(path).then().statusCode(201).body("timeOff.start", equalTo(day + "T09:00:00-05:00"))
                .body("meetings", empty());
        assertEquals("1", sql(db, "select count(*) from time_off where user_id = '" + a + "' and settled_at is not null"));
    }

    @Test
    @DisplayName("AVL-02, MTG-05: bookings racing a new absence never stay inside it: each either lands before the absence and is moved, or is refused")
    void bookingsRacingAnAbsence() throws Exception {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).hours("00:00", "23:30"));
        String type = meetingType(org, "Race", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.THURSDAY, TOKYO);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> racers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                racers.add(pool.submit(() -> {
                    int booked = 0;
                    for (int i = thread; i < 45; i += 3) {
                        Instant start = at(day, "00:00", TOKYO).plusSeconds(1800L * i);
                        if (org.manager().body(bookingBody(type, start, "r" + i + "@customer.example")).post("/api/v1/bookings").statusCode() == 201) {
                            booked++;
                        }
                    }
                    return booked;
                }));
            }
            Thread.sleep(150);
            org.manager().body("{\"start\":\"%sT00:00:00\",\"end\":\"%sT23:59:00\"}".formatted(day, day))
                    .post("/api/v1/users/" + a + "/time-off").then().statusCode(201);
            for (Future<Integer> r : racers) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("0", sql(db, "select count(*) from booking where host_user_id = '" + a + "' and status = 'BOOKED' and host_day = '" + day + "'"));
        assertEquals("0", sql(db, "select coalesce(sum(booked), 0) from host_day where user_id = '" + a + "' and day = '" + day + "'"));
    }
}
