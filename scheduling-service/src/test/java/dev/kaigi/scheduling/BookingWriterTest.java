package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.events.integration.CalendarBusyTimesSynced;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.scheduling.booking.BookingService;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.hostOf;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * SCH-08's one booking writer, planned from memory (the meeting type and its hosts' profiles known):
 * the statement chooses the host and writes. It must book what fresh facts would: the fair order,
 * each host's own local day and cap, busy times, and an event and an answer that carry the host the
 * statement chose; and when it cannot, fresh facts name every host's reason.
 */
@QuarkusTest
class BookingWriterTest {

    private static final String TOKYO = "Asia/Tokyo";
    private static final String KOLKATA = "Asia/Kolkata";

    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry metrics;

    private double plannedFromMemory() {
        return metrics.counter(BookingService.BOOKED_METER, "plan", "memory").count();
    }

    @Test
    @DisplayName("SCH-08, SCH-03: planned from memory, the fair order holds, each host's cap counts on their own local day, "
            + "and the event, the answer and its Idempotency-Key replay name the host the statement chose")
    void fairOrderLocalDaysAndTheChosenHost() {
        Org org = Org.create(TOKYO);
        UUID tokyo = host(org, ScheduleBody.in(TOKYO).hours("00:00", "23:30"));
        // Kolkata, cap 1 on Wednesdays only
        UUID kolkata = host(org, ScheduleBody.in(KOLKATA).hours("00:00", "23:30").cap(DayOfWeek.WEDNESDAY, 1));
        String type = meetingType(org, "From memory", 30, "PHONE", 30, tokyo, kolkata).path("id");
        LocalDate tuesday = upcoming(DayOfWeek.TUESDAY, "UTC");
        Instant t1930 = tuesday.atTime(19, 30).toInstant(ZoneOffset.UTC); // Wednesday in Tokyo (04:30) and in Kolkata (01:00)

        // the first booking of the type reads (it is not in memory yet): pool order, nobody booked
        assertEquals(tokyo.toString(), hostOf(org, type, t1930.minusSeconds(6 * 3600)));
        double before = plannedFromMemory();
        var answer = org.manager().header("Idempotency-Key", "one-trip-1").body(bookingBody(type, t1930, "lead@customer.example"))
                .post("/api/v1/bookings").then().statusCode(201).extract();
        assertEquals(before + 1, plannedFromMemory(), "the type and both profiles were in memory");
        assertEquals(kolkata.toString(), answer.path("hostUserId"), "none that day for either: Kolkata was never booked");
        assertEquals(KOLKATA, answer.path("hostTimeZone"));
        String id = answer.path("id");
        assertEquals(tuesday.plusDays(1).toString(), sql(db, "select host_day from booking where id = '" + id + "'"));
        assertEquals("1", sql(db, "select booked from host_day where user_id = '" + kolkata + "' and day = '" + tuesday.plusDays(1) + "'"));

        // the event was written from the chosen row: its key, subject and host fields are Kolkata's
        assertEquals(kolkata + " " + kolkata + " " + kolkata + " " + KOLKATA, sql(db, """
                select event_key || ' ' || subject || ' ' || (payload->>'hostUserId') || ' ' || (payload->>'hostTimeZone')
                from outbox where event_type = '%s' and payload->>'bookingId' = '%s'""".formatted(EventTypes.MEETING_BOOKED.name(), id)));
        // the kept answer is the answer given, host included, but without the manage token (MTG-02: only its hash is kept)
        String stored = sql(db, "select response from idempotency_key where org_id = '" + org.id() + "' and key = 'one-trip-1'");
        String token = answer.path("manageToken");
        assertEquals(43, token.length());
        assertEquals(answer.asString().replace("\"" + token + "\"", "null"), stored);
        assertFalse(stored.contains(token), stored);
        assertFalse(stored.contains("00000000-0000-0000-0000-000000000000"), stored);
        assertEquals(answer.asString(), org.manager().header("Idempotency-Key", "one-trip-1")
                .body(bookingBody(type, t1930, "lead@customer.example")).post("/api/v1/bookings").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().asString());

        // Kolkata's Wednesday is full (cap 1): Tokyo, whose Tuesday booking counts on Tokyo's Tuesday
        assertEquals(tokyo.toString(), hostOf(org, type, t1930.plusSeconds(3600)));
        assertEquals(before + 2, plannedFromMemory());
        // a tie on the day (none on Thursday for either): Kolkata was booked longest ago
        assertEquals(kolkata.toString(), hostOf(org, type, t1930.plusSeconds(24 * 3600)));
        assertEquals(before + 3, plannedFromMemory());
    }

    @Test
    @DisplayName("SCH-03, SCH-07: planned from memory, a calendar busy time blocks its host (the next host gets the meeting); "
            + "when nobody is free, fresh facts answer with every host's reason and nothing is written")
    void busyTimesAndNobodyFree() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        UUID b = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        String type = meetingType(org, "Busy", 30, "PHONE", 30, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.THURSDAY, TOKYO);
        TestEvents.publish(new CalendarBusyTimesSynced(org.id(), a, at(day, "00:00", TOKYO), at(day.plusDays(1), "00:00", TOKYO),
                List.of(new BusyInterval(at(day, "09:00", TOKYO), at(day, "12:00", TOKYO)))));
        Await.until("busy time known", () -> org.owner().queryParam("meetingType", type).queryParam("start", at(day, "10:00", TOKYO).toString())
                .get("/api/v1/hosts/" + a + "/eligibility").then().extract().<List<String>>path("reasons").contains("overlapping-meeting"), WAIT);
        hostOf(org, type, at(day.plusDays(7), "10:00", TOKYO)); // the type and profiles in memory now

        double before = plannedFromMemory();
        assertEquals(b.toString(), hostOf(org, type, at(day, "10:00", TOKYO)), "a is busy in their calendar");
        assertEquals(before + 1, plannedFromMemory());
        org.manager().body(bookingBody(type, at(day, "11:00", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(409).body("code", equalTo("no-host-available"))
                .body("errors.find { it.field == 'hosts[" + a + "]' }.code", equalTo("overlapping-meeting"))
                .body("errors.find { it.field == 'hosts[" + b + "]' }.code", equalTo("daily-cap-reached"));
        assertEquals(before + 1, plannedFromMemory());
        assertEquals("1", sql(db, "select count(*) from booking where org_id = '" + org.id() + "' and starts_at::date = '" + day + "'"));
    }

    @Test
    @DisplayName("SCH-08: a lead's booking on a public page, planned from memory, answers without a host, and its event names the host")
    void publicPage() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        var type = meetingType(org, "Page", 30, "PHONE", 30, a);
        String page = "/api/v1/public/booking-pages/" + type.path("publicBookingId") + "/bookings";
        LocalDate day = upcoming(DayOfWeek.FRIDAY, TOKYO);
        String lead = """
                {"start":"%s","lead":{"name":"Lead","email":"lead@customer.example"}}""";
        given().header("X-Forwarded-For", "10.9.8.7").contentType(ContentType.JSON).body(lead.formatted(at(day, "10:00", TOKYO)))
                .post(page).then().statusCode(201);

        double before = plannedFromMemory();
        String id = given().header("X-Forwarded-For", "10.9.8.7").header("Idempotency-Key", "page-1").contentType(ContentType.JSON)
                .body(lead.formatted(at(day, "11:00", TOKYO))).post(page).then().statusCode(201)
                .body("$", not(hasKey("hostUserId"))).body("$", not(hasKey("hostTimeZone"))).extract().path("id");
        assertEquals(before + 1, plannedFromMemory());
        assertEquals(a + " " + TOKYO, sql(db, "select (payload->>'hostUserId') || ' ' || (payload->>'hostTimeZone') from outbox where payload->>'bookingId' = '"
                + id + "'"));
        assertEquals("true", sql(db, "select via_public_page::text from booking where id = '" + id + "'"));
    }
}
