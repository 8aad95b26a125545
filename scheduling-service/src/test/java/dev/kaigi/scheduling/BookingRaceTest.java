package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.scheduling.booking.BookingService;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCH-08, SCH-03: however many bookings race, no cap is exceeded and no host is double-booked. */
@QuarkusTest
class BookingRaceTest {

    private static final String TOKYO = "Asia/Tokyo";
    private static final int REQUESTS = 64;

    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry metrics;

    /** Sends all bodies at once and returns the status codes by count. */
    private static Map<Integer, Integer> race(Org org, List<String> bodies) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.user(org.id(), UUID.randomUUID(), "manager");
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/bookings");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String body : bodies) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.join();
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.statusCode() + " " + r.body());
            if (r.statusCode() == 409) {
                assertTrue(r.body().contains("no-host-available"), r.body());
            }
            statuses.merge(r.statusCode(), 1, Integer::sum);
        }
        return statuses;
    }

    /** 64 requests over 16 start times, 4 at each (so time and counter both race), 30-minute meetings every 15 minutes. */
    private static List<String> requests(String type, LocalDate day) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Instant start = at(day, "09:00", TOKYO).plus(Duration.ofMinutes(15L * (i % 16)));
            bodies.add(bookingBody(type, start, "race" + i + "@customer.example"));
        }
        return bodies;
    }

    private String noOverlaps(Org org) {
        return sql(db, """
                select count(*) from booking a join booking b on a.host_user_id = b.host_user_id and a.id < b.id
                where a.org_id = '%s' and a.status = 'BOOKED' and b.status = 'BOOKED'
                  and tstzrange(a.blocked_from, a.blocked_to) && tstzrange(b.blocked_from, b.blocked_to)""".formatted(org.id()));
    }

    @Test
    @DisplayName("SCH-08, SCH-03 race: 64 concurrent bookings against one host with cap 3 → exactly 3 succeed, no overlaps, the rest 409")
    void oneHostCapThree() {
        oneHostCapThree(false);
    }

    @Test
    @DisplayName("SCH-08, SCH-03 race planned from memory: one host with cap 3 → exactly 3, no overlaps")
    void oneHostCapThreePlannedFromMemory() {
        oneHostCapThree(true);
    }

    private void oneHostCapThree(boolean warm) {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(3));
        String type = meetingType(org, "Race", 30, "PHONE", 15, a).path("id");
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);
        double before = warm ? warmUp(org, type, day) : 0;

        assertEquals(Map.of(201, 3, 409, REQUESTS - 3), race(org, requests(type, day)));
        assertEquals("3", sql(db, "select count(*) from booking where status = 'BOOKED' and host_user_id = '" + a + "' and host_day = '"
                + day + "'"));
        assertEquals("3", sql(db, "select booked from host_day where user_id = '" + a + "' and day = '" + day + "'"));
        assertEquals("0", noOverlaps(org));
        assertEquals(warm ? "4" : "3", sql(db, "select count(*) from outbox where event_type = '"
                + dev.kaigi.events.EventTypes.MEETING_BOOKED.name() + "' and event_key = '" + a + "'"));
        if (warm) {
            assertTrue(plannedFromMemory() > before, "the race was planned from memory");
        }
    }

    /** Books once a week after {@code day}, so the type and its hosts' profiles are in memory; returns how many were planned from memory. */
    private double warmUp(Org org, String type, LocalDate day) {
        org.manager().body(bookingBody(type, at(day.plusDays(7), "09:00", TOKYO), "warm@customer.example")).post("/api/v1/bookings")
                .then().statusCode(201);
        return plannedFromMemory();
    }

    private double plannedFromMemory() {
        return metrics.counter(BookingService.BOOKED_METER, "plan", "memory").count();
    }

    @Test
    @DisplayName("SCH-08 race: 64 overlapping bookings against one host without a cap → no overlaps, every answer 201 or 409 (no deadlock 500)")
    void overlappingTimesWithoutCap() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Overlap race", 30, "PHONE", 15, a).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);

        Map<Integer, Integer> answers = race(org, requests(type, day)); // fails on any other status
        String booked = sql(db, "select count(*) from booking where status = 'BOOKED' and host_user_id = '" + a + "'");
        assertEquals(String.valueOf(answers.getOrDefault(201, 0)), booked);
        // every refusal overlaps an accepted meeting, and a 30-minute meeting blocks at most 3 of the 16 starts
        assertTrue(Integer.parseInt(booked) >= 6, "the accepted meetings must leave no start free: " + booked);
        assertEquals(booked, sql(db, "select booked from host_day where user_id = '" + a + "' and day = '" + day + "'"));
        assertEquals("0", noOverlaps(org));
    }

    @Test
    @DisplayName("SCH-08, SCH-03 race: 64 concurrent bookings against a pool of 5 hosts with caps 1,2,3,1,2 → 9 booked, every cap exactly met")
    void poolOfFive() {
        poolOfFive(false);
    }

    @Test
    @DisplayName("SCH-08, SCH-03 race planned from memory: a pool of 5 with caps 1,2,3,1,2 → every cap exactly met")
    void poolOfFivePlannedFromMemory() {
        poolOfFive(true);
    }

    private void poolOfFive(boolean warm) {
        Org org = Org.create(TOKYO);
        int[] caps = {1, 2, 3, 1, 2};
        UUID[] pool = new UUID[caps.length];
        for (int i = 0; i < caps.length; i++) {
            Integer c = caps[i];
            pool[i] = host(org, ScheduleBody.in(TOKYO).dailyCap(c));
        }
        String type = meetingType(org, "Pool race", 30, "PHONE", 15, pool).path("id");
        LocalDate day = upcoming(DayOfWeek.TUESDAY, TOKYO);
        double before = warm ? warmUp(org, type, day) : 0;

        assertEquals(Map.of(201, 9, 409, REQUESTS - 9), race(org, requests(type, day)));
        for (int i = 0; i < caps.length; i++) {
            assertEquals(String.valueOf(caps[i]), sql(db, "select count(*) from booking where status = 'BOOKED' and host_user_id = '" + pool[i]
                    + "' and host_day = '" + day + "'"));
            assertEquals(String.valueOf(caps[i]), sql(db, "select booked from host_day where user_id = '" + pool[i] + "' and day = '" + day + "'"));
        }
        assertEquals("0", noOverlaps(org));
        if (warm) {
            assertTrue(plannedFromMemory() > before, "the race was planned from memory");
        }
    }
}
