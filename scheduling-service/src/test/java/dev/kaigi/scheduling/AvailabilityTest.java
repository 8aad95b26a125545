package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SCH-09 availability with a token and on public booking pages, and its bad input. */
@QuarkusTest
class AvailabilityTest {

    private static final String TOKYO = "Asia/Tokyo";

    /** A lead's browser: no token, its own client address (the rate limit is per address). */
    private static RequestSpecification lead(String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON);
    }

    private static String address() {
        return "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
    }

    private static List<String> slots(RequestSpecification who, String path, LocalDate from, LocalDate to, String zone) {
        return who.queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("timeZone", zone)
                .get(path).then().statusCode(200).extract().path("days.slots.flatten().start");
    }

    @Test
    @DisplayName("SCH-09: slots where a pool host is eligible, in the caller's zone; breaks and capped days never show; "
            + "a shown slot books (SCH-08); the public page shows the same and books without a token, telling nothing of hosts")
    void slotsCapsAndBreaks() {
        Org org = Org.create(TOKYO);
        // Mon–Sun 09:00–13:00 with a break 11:00–12:00, cap 1 every day
        UUID a = host(org, ScheduleBody.in(TOKYO).hours("09:00", "13:00").breakFrom("11:00", "12:00").dailyCap(1));
        var type = meetingType(org, "Slots", 60, "PHONE", 60, a);
        String path = "/api/v1/meeting-types/" + type.path("id") + "/availability";
        String page = "/api/v1/public/booking-pages/" + type.path("publicBookingId");
        LocalDate monday = upcoming(DayOfWeek.MONDAY);

        LocalDate tuesday = monday.plusDays(1);
        assertEquals(List.of(monday + "T09:00:00+09:00", monday + "T10:00:00+09:00", monday + "T12:00:00+09:00",
                tuesday + "T09:00:00+09:00", tuesday + "T10:00:00+09:00", tuesday + "T12:00:00+09:00"),
                slots(org.owner(), path, monday, tuesday, TOKYO), "11:00 is the break; 13:00 would end after the window");
        org.as(a, "member").queryParam("from", monday.toString()).queryParam("to", monday.plusDays(1).toString())
                .queryParam("timeZone", TOKYO).get(path).then().statusCode(200)
                .body("timeZone", equalTo(TOKYO)).body("durationMinutes", equalTo(60))
                .body("days.date", contains(monday.toString(), monday.plusDays(1).toString()))
                .body("days[0].slots.start", contains(monday + "T09:00:00+09:00", monday + "T10:00:00+09:00", monday + "T12:00:00+09:00"))
                .body("days[0].slots[0].end", equalTo(monday + "T10:00:00+09:00"));
        // the caller's zone: the same slots in UTC are on the previous UTC day
        assertEquals(List.of(monday.minusDays(1) + "T00:00:00Z", monday.minusDays(1) + "T01:00:00Z", monday.minusDays(1) + "T03:00:00Z"),
                slots(org.owner(), path, monday.minusDays(1), monday.minusDays(1), "UTC"));

        String address = address();
        assertEquals(slots(org.owner(), path, monday, monday.plusDays(1), TOKYO), slots(lead(address), page + "/availability", monday,
                monday.plusDays(1), TOKYO));
        lead(address).get(page).then().statusCode(200).body("name", equalTo("Slots")).body("durationMinutes", equalTo(60))
                .body("$", not(hasKey("hostPool")));
        lead(address).body("""
                        {"start":"%s","lead":{"name":"Lead","email":"lead@customer.example"}}""".formatted(at(monday, "10:00", TOKYO)))
                .post(page + "/bookings").then().statusCode(201).body("id", notNullValue()).body("status", equalTo("BOOKED"))
                .body("$", not(hasKey("hostUserId"))).body("$", not(hasKey("leadEmail")));
        // Monday is capped now: it disappears; Tuesday stays
        lead(address).queryParam("from", monday.toString()).queryParam("to", monday.plusDays(1).toString()).queryParam("timeZone", TOKYO)
                .get(page + "/availability").then().statusCode(200).body("days.date", contains(monday.plusDays(1).toString()));
        lead(address).body("""
                        {"start":"%s","lead":{"name":"Lead","email":"lead@customer.example"}}""".formatted(at(monday, "12:00", TOKYO)))
                .post(page + "/bookings").then().statusCode(409).body("code", equalTo("slot-unavailable")).body("$", not(hasKey("errors")));
    }

    @Test
    @DisplayName("SCH-09: the minimum notice and the booking horizon bound the slots")
    void noticeAndHorizon() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).hours("00:00", "23:00"));
        String far = org.manager().body("""
                {"name":"Far","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s"],"minimumNoticeMinutes":43200,
                 "bookingHorizonDays":60}""".formatted(a)).post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
        String near = org.manager().body("""
                {"name":"Near","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s"],"bookingHorizonDays":3}"""
                .formatted(a)).post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
        LocalDate today = LocalDate.now(java.time.ZoneId.of(TOKYO));
        org.owner().queryParam("from", today.toString()).queryParam("to", today.plusDays(20).toString()).queryParam("timeZone", TOKYO)
                .get("/api/v1/meeting-types/" + far + "/availability").then().statusCode(200).body("days", empty());
        org.owner().queryParam("from", today.plusDays(10).toString()).queryParam("to", today.plusDays(20).toString())
                .queryParam("timeZone", TOKYO).get("/api/v1/meeting-types/" + near + "/availability").then().statusCode(200)
                .body("days", empty());
        List<String> soon = slots(org.owner(), "/api/v1/meeting-types/" + near + "/availability", today, today.plusDays(5), TOKYO);
        java.time.Instant now = java.time.Instant.now();
        for (String s : soon) {
            java.time.Instant start = java.time.OffsetDateTime.parse(s).toInstant();
            assertEquals(true, start.isAfter(now) && !start.isAfter(now.plus(java.time.Duration.ofDays(3))), s);
        }
    }

    @Test
    @DisplayName("Bad input: unknown zone, range over 62 days or reversed, malformed dates → 400 naming the field; unknown pages 404; "
            + "the public pages answer 429 with Retry-After past the per-address limit")
    void badInputAndRateLimit() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        var type = meetingType(org, "Bad", 30, "PHONE", 30, a);
        String path = "/api/v1/meeting-types/" + type.path("id") + "/availability";
        LocalDate d = upcoming(DayOfWeek.MONDAY);
        record Case(String from, String to, String zone, String field, String code) {
        }
        for (Case c : List.of(new Case(d.toString(), d.toString(), "Mars/Olympus", "timeZone", "time-zone"),
                new Case(d.toString(), d.toString(), "+09:00", "timeZone", "time-zone"),
                new Case(d.toString(), d.toString(), null, "timeZone", "required"),
                new Case(d.toString(), d.plusDays(62).toString(), TOKYO, "to", "range-too-long"),
                new Case(d.toString(), d.minusDays(1).toString(), TOKYO, "to", "range-reversed"),
                new Case("2026-02-30", d.toString(), TOKYO, "from", "date"),
                new Case(d.toString(), null, TOKYO, "to", "required"))) {
            RequestSpecification r = org.owner().queryParam("from", c.from());
            if (c.to() != null) {
                r.queryParam("to", c.to());
            }
            if (c.zone() != null) {
                r.queryParam("timeZone", c.zone());
            }
            r.get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.field())).body("errors[0].code", equalTo(c.code()));
        }
        org.owner().queryParam("from", d.toString()).queryParam("to", d.plusDays(61).toString()).queryParam("timeZone", TOKYO)
                .get(path).then().statusCode(200);
        org.owner().queryParam("from", d.toString()).queryParam("to", d.toString()).queryParam("timeZone", TOKYO)
                .get("/api/v1/meeting-types/" + UUID.randomUUID() + "/availability").then().statusCode(404);
        given().queryParam("from", d.toString()).queryParam("to", d.toString()).queryParam("timeZone", TOKYO).get(path).then().statusCode(401);
        org.as(a).queryParam("from", d.toString()).queryParam("to", d.toString()).queryParam("timeZone", TOKYO).get(path).then()
                .statusCode(403);

        String address = address();
        lead(address).get("/api/v1/public/booking-pages/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        lead(address).get("/api/v1/public/booking-pages/short").then().statusCode(404);
        String page = "/api/v1/public/booking-pages/" + type.path("publicBookingId");
        lead(address).queryParam("from", d.toString()).queryParam("to", d.plusDays(70).toString()).queryParam("timeZone", TOKYO)
                .get(page + "/availability").then().statusCode(400).body("errors[0].field", equalTo("to"));
        lead(address).body("{\"start\":\"2020-01-06T10:00:00+09:00\",\"lead\":{\"name\":\"L\",\"email\":\"l@c.example\"}}")
                .post(page + "/bookings").then().statusCode(400).body("errors[0].field", equalTo("start"))
                .body("errors[0].code", equalTo("in-the-past"));
        // the limit is 20 per minute in tests; 4 used above
        for (int i = 0; i < 16; i++) {
            lead(address).get(page).then().statusCode(200);
        }
        lead(address).get(page).then().statusCode(429).contentType("application/problem+json").body("code", equalTo("rate-limited"))
                .header("Retry-After", notNullValue());
        lead(address()).get(page).then().statusCode(200); // another address is not limited
    }

    private static LocalDate upcoming(DayOfWeek weekday) {
        return BookingFixtures.upcoming(weekday, TOKYO);
    }
}
