package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.events.integration.CalendarBusyTimesSynced;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.ScrapedMetrics;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Booking with a token: fair choice, SCH-03 counting, idempotency, cancel, rights, bad input (SCH-03, SCH-07, SCH-08, ORG-01). */
@QuarkusTest
class BookingTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static String book(Org org, Object type, Instant start, int status) {
        return org.manager().body(bookingBody(type, start, "lead@customer.example")).post("/api/v1/bookings").then()
                .statusCode(status).extract().path(status == 201 ? "hostUserId" : "code");
    }

    @Test
    @DisplayName("SCH-08: the fairest eligible host gets the meeting (fewest that day, then longest since the last one), "
            + "meeting-booked carries what integration-service needs; the host reads it")
    void fairChoiceAndEvent() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "GOOGLE_MEET", 30, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            var first = org.manager().body(bookingBody(type, at(day, "10:00", TOKYO), "lead@customer.example"))
                    .post("/api/v1/bookings").then().statusCode(201).contentType("application/json")
                    .header("Location", matchesPattern("http://[^/]+/api/v1/bookings/[0-9a-f-]{36}")).extract();
            assertEquals(a.toString(), first.path("hostUserId"), "both never booked, none that day: pool order");
            String id = first.path("id");
            assertEquals(b.toString(), book(org, type, at(day, "11:00", TOKYO), 201), "b has fewer that day");
            assertEquals(a.toString(), book(org, type, at(day, "12:00", TOKYO), 201), "a tie that day: a was booked longest ago");
            ReceivedEvent e = probe.await(EventTypes.MEETING_BOOKED, a.toString(), WAIT);
            assertEquals(id, e.data().get("bookingId").asText());
            assertEquals("lead@customer.example", e.data().get("leadEmail").asText());
            assertEquals("GOOGLE_MEET", e.data().get("conferencingMethod").asText());
            assertEquals("Demo", e.data().get("meetingTypeName").asText());
            assertEquals(TOKYO, e.data().get("hostTimeZone").asText());
            assertEquals(at(day, "10:00", TOKYO).toString(), e.data().get("startsAt").asText());
            org.as(a, "member").get("/api/v1/bookings/" + id).then().statusCode(200)
                    .body("leadName", equalTo("Taro Yamada")).body("status", equalTo("BOOKED"))
                    .body("end", equalTo(at(day, "10:30", TOKYO).toString()));
        }
    }

    @Test
    @DisplayName("Metrics: a booking and a 409 refusal show on /q/metrics, the refusal by code, channel and host reason")
    void bookingsAndRefusalsAreMetered() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        String type = meetingType(org, "Metered", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        Map<String, String> noHost = Map.of("code", "no-host-available", "channel", "api");
        Map<String, String> capReached = Map.of("reason", "daily-cap-reached");
        ScrapedMetrics before = ScrapedMetrics.scrape();

        book(org, type, at(day, "09:00", TOKYO), 201);
        assertEquals("no-host-available", book(org, type, at(day, "11:00", TOKYO), 409));

        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertEquals(before.value("kaigi_bookings_booked_total", Map.of()) + 1,
                after.value("kaigi_bookings_booked_total", Map.of()), "booked, whichever plan");
        assertEquals(before.value("kaigi_bookings_refused_total", noHost) + 1, after.value("kaigi_bookings_refused_total", noHost));
        assertEquals(before.value("kaigi_bookings_host_refusals_total", capReached) + 1,
                after.value("kaigi_bookings_host_refusals_total", capReached));
    }

    @Test
    @DisplayName("SCH-03: meetings of two meeting types count together toward the daily cap; the 409 names each host's reason")
    void twoTypesCountTogether() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(2));
        String x = meetingType(org, "X", 30, "PHONE", 30, a).path("id");
        String y = meetingType(org, "Y", 60, "TEAMS", 60, a).path("id");
        LocalDate day = upcoming(DayOfWeek.TUESDAY, TOKYO);
        book(org, x, at(day, "09:00", TOKYO), 201);
        book(org, y, at(day, "10:00", TOKYO), 201);
        org.manager().body(bookingBody(x, at(day, "14:00", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(409).contentType("application/problem+json").body("code", equalTo("no-host-available"))
                .body("errors.field", contains("hosts[" + a + "]")).body("errors[0].code", equalTo("daily-cap-reached"));
        book(org, x, at(day.plusDays(1), "14:00", TOKYO), 201); // the next day has its own count
        assertEquals("2", sql(db, "select booked from host_day where user_id = '" + a + "' and day = '" + day + "'"));
    }

    @Test
    @DisplayName("SCH-03, SCH-07: calendar busy times block their time but never count toward the cap")
    void busyTimesBlockButDoNotCount() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        String type = meetingType(org, "Busy", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        TestEvents.publish(new CalendarBusyTimesSynced(org.id(), a, at(day, "00:00", TOKYO), at(day.plusDays(1), "00:00", TOKYO),
                List.of(new BusyInterval(at(day, "09:00", TOKYO), at(day, "12:00", TOKYO)))));
        Await.until("busy time known", () -> org.owner().queryParam("meetingType", type).queryParam("start", at(day, "10:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().extract().<List<String>>path("reasons").contains("overlapping-meeting"), WAIT);
        org.manager().body(bookingBody(type, at(day, "11:30", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(409).body("errors[0].code", equalTo("overlapping-meeting"));
        assertEquals(a.toString(), book(org, type, at(day, "12:00", TOKYO), 201));
        assertEquals("1", sql(db, "select booked from host_day where user_id = '" + a + "' and day = '" + day + "'"));
    }

    @Test
    @DisplayName("SCH-03: the cap day and weekday are the start's in the host's zone (Kolkata: 19:00Z Tuesday counts on Wednesday)")
    void capDayInHostZone() {
        String kolkata = "Asia/Kolkata";
        Org org = Org.create(kolkata);
        // Tuesday cap 1, Wednesday unlimited
        UUID a = host(org, ScheduleBody.in(kolkata).hours("00:00", "23:30").cap(DayOfWeek.TUESDAY, 1));
        String type = meetingType(org, "IST", 30, "PHONE", 30, a).path("id");
        LocalDate tuesday = upcoming(DayOfWeek.TUESDAY, "UTC");
        Instant t19 = tuesday.atTime(19, 0).toInstant(java.time.ZoneOffset.UTC);
        book(org, type, t19, 201);
        book(org, type, t19.plus(Duration.ofMinutes(30)), 201); // also Wednesday in Kolkata: no cap
        assertEquals("2", sql(db, "select booked from host_day where user_id = '" + a + "' and day = '" + tuesday.plusDays(1) + "'"));
        book(org, type, tuesday.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC), 201); // Tuesday 15:30 IST
        org.manager().body(bookingBody(type, tuesday.atTime(11, 0).toInstant(java.time.ZoneOffset.UTC), "l@c.example"))
                .post("/api/v1/bookings").then().statusCode(409).body("errors[0].code", equalTo("daily-cap-reached"));
        org.owner().queryParam("meetingType", type).queryParam("start", t19.toString()).get("/api/v1/hosts/" + a + "/eligibility")
                .then().statusCode(200).body("hostDay", equalTo(tuesday.plusDays(1).toString()))
                .body("reasons", contains("overlapping-meeting")).body("inPool", equalTo(true)).body("eligible", equalTo(false));
    }

    @Test
    @DisplayName("SCH-08: an Idempotency-Key replay returns the first answer and books nothing more; another body with it is 422")
    void idempotencyKey() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Idem", 30, "PHONE", 30, a).path("id");
        Instant start = at(upcoming(DayOfWeek.THURSDAY, TOKYO), "10:00", TOKYO);
        String body = bookingBody(type, start, "idem@customer.example");
        var first = org.manager().header("Idempotency-Key", "key-1").body(body).post("/api/v1/bookings").then().statusCode(201).extract();
        var again = org.manager().header("Idempotency-Key", "key-1").body(body).post("/api/v1/bookings").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertEquals(first.asString(), again.asString());
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals("1", sql(db, "select count(*) from booking where lead_email = 'idem@customer.example' and org_id = '" + org.id() + "'"));
        org.manager().header("Idempotency-Key", "key-1").body(bookingBody(type, start.plus(Duration.ofHours(1)), "idem@customer.example"))
                .post("/api/v1/bookings").then().statusCode(422).body("code", equalTo("idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        // that request was bookable: its key's primary key aborted the whole statement, so nothing of it stayed
        assertEquals("1", sql(db, "select count(*) from booking where lead_email = 'idem@customer.example' and org_id = '" + org.id() + "'"));
        assertEquals("1", sql(db, "select sum(booked) from host_day where user_id = '" + a + "'"));
        org.manager().header("Idempotency-Key", "bad key with spaces").body(body).post("/api/v1/bookings").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        // a key older than the retention (24 h) is forgotten: it may name a new request
        assertEquals("1", sql(db, "with u as (update idempotency_key set created_at = now() - interval '25 hours' where org_id = '"
                + org.id() + "' and key = 'key-1' returning 1) select count(*) from u"));
        org.manager().header("Idempotency-Key", "key-1").body(bookingBody(type, start.plus(Duration.ofHours(2)), "idem@customer.example"))
                .post("/api/v1/bookings").then().statusCode(201).header("Idempotent-Replayed", nullValue());
        // without a key, the same request is a new booking attempt (the time is taken now)
        org.manager().body(body).post("/api/v1/bookings").then().statusCode(409).body("errors[0].code", equalTo("overlapping-meeting"));
    }

    @Test
    @DisplayName("SCH-03, SCH-08: cancel frees the counter and the time and announces meeting-cancelled; cancelling again changes nothing")
    void cancelFreesTheCounter() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        UUID other = org.member();
        String type = meetingType(org, "Cancel", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.FRIDAY, TOKYO);
        String id = org.manager().body(bookingBody(type, at(day, "10:00", TOKYO), "c@c.example")).post("/api/v1/bookings").then()
                .statusCode(201).extract().path("id");
        book(org, type, at(day, "15:00", TOKYO), 409);
        org.as(other, "member").body("{}").post("/api/v1/bookings/" + id + "/cancel").then().statusCode(404);
        // no body, or JSON with trailing garbage, is a bad request that cancels nothing
        org.manager().post("/api/v1/bookings/" + id + "/cancel").then().statusCode(400).contentType("application/problem+json");
        org.manager().body("{}}").post("/api/v1/bookings/" + id + "/cancel").then().statusCode(400).contentType("application/problem+json");
        org.manager().get("/api/v1/bookings/" + id).then().body("status", equalTo("BOOKED"));
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            org.as(a, "member").body("{\"reason\":\"lead asked\"}").post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200)
                    .body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("lead asked"));
            ReceivedEvent e = probe.await(EventTypes.MEETING_CANCELLED, a.toString(), WAIT);
            assertEquals(id, e.data().get("bookingId").asText());
            org.manager().body("{}").post("/api/v1/bookings/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
            assertEquals(1, probe.drain(Duration.ofMillis(500)).stream().filter(x -> x.type().equals(EventTypes.MEETING_CANCELLED.name())).count());
        }
        assertEquals("0", sql(db, "select booked from host_day where user_id = '" + a + "' and day = '" + day + "'"));
        assertEquals(a.toString(), book(org, type, at(day, "10:00", TOKYO), 201));
    }

    @Test
    @DisplayName("ORG-01: a host sees their own bookings, MANAGER/OWNER the organization's; RESTRICTED cannot book; "
            + "another organization gets 404 on every booking endpoint")
    void rightsAndTenancy() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Rights", 30, "PHONE", 30, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);
        String idA = org.manager().body(bookingBody(type, at(day, "10:00", TOKYO), "r@c.example")).post("/api/v1/bookings").then()
                .statusCode(201).extract().path("id");
        String idB = org.as(a, "member").body(bookingBody(type, at(day, "10:00", TOKYO), "r@c.example")).post("/api/v1/bookings").then()
                .statusCode(201).body("hostUserId", equalTo(b.toString())).extract().path("id");
        org.as(UUID.randomUUID(), "restricted").body(bookingBody(type, at(day, "11:00", TOKYO), "r@c.example")).post("/api/v1/bookings")
                .then().statusCode(403);
        org.as(a, "member").get("/api/v1/bookings").then().statusCode(200).body("items.id", contains(idA)).body("totalItems", equalTo(1));
        org.as(a).get("/api/v1/bookings").then().statusCode(403); // a token without an organization role
        org.as(a).get("/api/v1/bookings/" + idA).then().statusCode(403);
        org.as(a).body("{}").post("/api/v1/bookings/" + idA + "/cancel").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/bookings").then().statusCode(401);
        org.as(a, "member").get("/api/v1/bookings/" + idB).then().statusCode(404);
        org.manager().get("/api/v1/bookings").then().body("items.id", containsInAnyOrder(idA, idB));
        org.owner().queryParam("hostUserId", b).get("/api/v1/bookings").then().body("items.id", contains(idB));
        org.owner().queryParam("status", "CANCELLED").get("/api/v1/bookings").then().body("totalItems", equalTo(0));

        Org other = Org.create(TOKYO);
        other.owner().get("/api/v1/bookings/" + idA).then().statusCode(404).contentType("application/problem+json");
        other.owner().body("{}").post("/api/v1/bookings/" + idA + "/cancel").then().statusCode(404);
        other.owner().get("/api/v1/bookings").then().body("totalItems", equalTo(0));
        other.owner().body(bookingBody(type, at(day, "13:00", TOKYO), "r@c.example")).post("/api/v1/bookings").then().statusCode(400)
                .body("errors[0].field", equalTo("meetingTypeId")).body("errors[0].code", equalTo("unknown-meeting-type"));
        other.owner().queryParam("meetingType", type).queryParam("start", at(day, "13:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().statusCode(404); // our host first: no verdict on our type
        String otherType = meetingType(other, "Theirs", 30, "PHONE", 30).path("id");
        other.owner().queryParam("meetingType", otherType).queryParam("start", at(day, "13:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().statusCode(404);
        other.owner().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("timeZone", TOKYO)
                .get("/api/v1/meeting-types/" + type + "/availability").then().statusCode(404);
        // eligibility: self, MANAGER, OWNER; not another member
        org.as(a, "member").queryParam("meetingType", type).queryParam("start", at(day, "13:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().statusCode(200).body("eligible", equalTo(true));
        org.as(b, "member").queryParam("meetingType", type).queryParam("start", at(day, "13:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().statusCode(403);
        org.manager().queryParam("meetingType", type).queryParam("start", at(day, "10:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().statusCode(200).body("reasons", contains("overlapping-meeting"));
        org.owner().queryParam("meetingType", type).queryParam("start", at(day, "10:00", TOKYO).toString())
                .get("/api/v1/hosts/" + UUID.randomUUID() + "/eligibility").then().statusCode(404);
    }

    @Test
    @DisplayName("Bad input: past start, inside the minimum notice, beyond the horizon, malformed or missing fields, unknown type "
            + "→ 400 naming the field, nothing booked, never 500")
    void badInput() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).hours("00:00", "23:45"));
        String type = meetingType(org, "Bad", 30, "PHONE", 15, a).path("id");
        String noticed = org.manager().body("""
                {"name":"Noticed","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s"],"minimumNoticeMinutes":2880,
                 "bookingHorizonDays":10}""".formatted(a)).post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
        Instant soon = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        record Case(String body, String field, String code) {
        }
        for (Case c : List.of(
                new Case(bookingBody(type, Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES), "x@c.example"), "start", "in-the-past"),
                new Case(bookingBody(noticed, soon, "x@c.example"), "start", "inside-minimum-notice"),
                new Case(bookingBody(noticed, soon.plus(Duration.ofDays(20)), "x@c.example"), "start", "beyond-booking-horizon"),
                new Case(bookingBody(type, soon.plusSeconds(30), "x@c.example"), "start", "whole-minutes"),
                // a start availability would never show: 14:07 on a 15-minute grid
                new Case(bookingBody(type, soon.plus(Duration.ofMinutes(7)), "x@c.example"), "start", "off-slot-grid"),
                new Case(bookingBody(type, soon.plus(Duration.ofMinutes(20)), "x@c.example"), "start", "off-slot-grid"),
                new Case(bookingBody(UUID.randomUUID(), soon, "x@c.example"), "meetingTypeId", "unknown-meeting-type"),
                new Case(bookingBody(type, soon, "not-an-email"), "lead.email", "email"),
                new Case(bookingBody(type, soon, "x@c.example").replace("\"locale\":\"ja\"", "\"locale\":\"fr\""), "lead.locale", "format"),
                new Case(bookingBody(type, soon, "x@c.example").replace(soon.toString(), "tomorrow"), "start", null),
                new Case("{\"meetingTypeId\":\"" + type + "\"}", "start", "required"))) {
            var r = org.manager().body(c.body()).post("/api/v1/bookings").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(c.field()));
            if (c.code() != null) {
                r.body("errors.find { it.field == '" + c.field() + "' }.code", equalTo(c.code()));
            }
        }
        org.owner().queryParam("meetingType", type).queryParam("start", "yesterday").get("/api/v1/hosts/" + a + "/eligibility").then()
                .statusCode(400).body("errors[0].field", equalTo("start"));
        org.owner().queryParam("meetingType", "nope").queryParam("start", soon.toString()).get("/api/v1/hosts/" + a + "/eligibility")
                .then().statusCode(400).body("errors[0].field", equalTo("meetingType"));
        org.owner().queryParam("start", soon.toString()).get("/api/v1/hosts/" + a + "/eligibility").then().statusCode(400)
                .body("errors[0].field", equalTo("meetingType"));
        org.owner().queryParam("from", "2026-13-01").get("/api/v1/bookings").then().statusCode(400);
        org.owner().get("/api/v1/bookings/not-a-uuid").then().statusCode(404);
        assertEquals("0", sql(db, "select count(*) from booking where org_id = '" + org.id() + "'"));
        assertEquals("0", sql(db, "select count(*) from host_day where org_id = '" + org.id() + "' and booked > 0"));
        org.owner().get("/api/v1/bookings").then().body("totalItems", equalTo(0)).body("items[0]", nullValue());
    }
}
