package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

/**
 * MTG-03, SCH-08, SCH-03: reschedules and new bookings race on the same host-days; afterwards no cap
 * is exceeded, no host double-booked, every counter equals its day's meetings, and each move left
 * exactly one event (never both slots held, never neither).
 */
@QuarkusTest
class BookingMoveRaceTest {

    private static final String TOKYO = "Asia/Tokyo";
    private static final int[] CAPS = {2, 3, 4};
    private static final int MOVES = 48;
    private static final int BOOKINGS = 32;

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("MTG-03 race: 48 reschedules of 9 meetings and 32 new bookings on two days of a pool with caps 2, 3, 4")
    void reschedulesAndBookingsRaceOnTheSameHostDays() {
        Org org = Org.create(TOKYO);
        UUID[] pool = new UUID[CAPS.length];
        for (int i = 0; i < CAPS.length; i++) {
            pool[i] = host(org, ScheduleBody.in(TOKYO).dailyCap(CAPS[i]));
        }
        String type = meetingType(org, "Move race", 30, "PHONE", 15, pool).path("id");
        LocalDate first = upcoming(DayOfWeek.MONDAY, TOKYO);
        LocalDate second = first.plusDays(1);
        String token = TestTokens.user(org.id(), UUID.randomUUID(), "manager");
        List<String> meetings = new ArrayList<>();
        for (int i = 0; i < 9; i++) { // every cap of the first day met
            meetings.add(org.manager().body(bookingBody(type, at(first, "09:00", TOKYO).plus(Duration.ofMinutes(30L * i)), "m" + i + "@c.example"))
                    .post("/api/v1/bookings").then().statusCode(201).extract().path("id"));
        }

        Random random = new Random(7);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < MOVES; i++) { // to either day, 16 starts each: onto full days, onto each other, back and forth
            LocalDate day = random.nextBoolean() ? first : second;
            Instant start = at(day, "09:00", TOKYO).plus(Duration.ofMinutes(15L * random.nextInt(16)));
            requests.add(new Request("/api/v1/bookings/" + meetings.get(i % meetings.size()) + "/reschedule",
                    "{\"start\":\"" + start + "\"}"));
        }
        for (int i = 0; i < BOOKINGS; i++) {
            Instant start = at(second, "09:00", TOKYO).plus(Duration.ofMinutes(15L * random.nextInt(16)));
            requests.add(new Request("/api/v1/bookings", bookingBody(type, start, "race" + i + "@c.example")));
        }
        Collections.shuffle(requests, random);
        Map<String, Integer> answers = race(token, requests);

        String inOrg = "org_id = '" + org.id() + "'";
        // every cap held, every counter equal to its day's meetings
        for (int i = 0; i < CAPS.length; i++) {
            for (LocalDate day : List.of(first, second)) {
                int meetingsThatDay = Integer.parseInt(sql(db, "select count(*) from booking where status = 'BOOKED' and host_user_id = '"
                        + pool[i] + "' and host_day = '" + day + "'"));
                assertTrue(meetingsThatDay <= CAPS[i], pool[i] + " " + day + ": " + meetingsThatDay + " over cap " + CAPS[i]);
                assertEquals(String.valueOf(meetingsThatDay), sql(db, "select coalesce((select booked from host_day where user_id = '"
                        + pool[i] + "' and day = '" + day + "'), 0)"), "counter of " + pool[i] + " " + day);
            }
        }
        assertEquals("0", sql(db, """
                select count(*) from booking a join booking b on a.host_user_id = b.host_user_id and a.id < b.id
                where a.%s and a.status = 'BOOKED' and b.status = 'BOOKED'
                  and tstzrange(a.blocked_from, a.blocked_to) && tstzrange(b.blocked_from, b.blocked_to)""".formatted(inOrg)));
        // each move raised the sequence once and wrote one event (a 200 to the start the meeting already had moves nothing);
        // each booking wrote one
        int moved = Integer.parseInt(sql(db, "select count(*) from outbox where event_type = '" + EventTypes.MEETING_RESCHEDULED.name()
                + "' and " + inOrg));
        assertEquals(String.valueOf(moved), sql(db, "select coalesce(sum(sequence), 0) from booking where " + inOrg));
        assertTrue(moved > 0 && moved <= answers.getOrDefault("reschedule 200", 0), moved + " moves, answers " + answers);
        assertEquals(String.valueOf(9 + answers.getOrDefault("book 201", 0)), sql(db, "select count(*) from outbox where event_type = '"
                + EventTypes.MEETING_BOOKED.name() + "' and " + inOrg));
        assertEquals(String.valueOf(9 + answers.getOrDefault("book 201", 0)), sql(db, "select count(*) from booking where " + inOrg
                + " and status = 'BOOKED'"));
        assertTrue(answers.getOrDefault("book 201", 0) > 0, answers.toString());
        System.out.println("MTG-03 race: " + answers + ", " + moved + " moves");
    }

    private record Request(String path, String body) {
    }

    /** Sends every request at once; answers by kind and status ("reschedule 200", "book 409"). Only 200, 201 and 409 are allowed. */
    private static Map<String, Integer> race(String token, List<Request> requests) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (Request r : requests) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + r.path()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(r.body())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < sent.size(); i++) {
            HttpResponse<String> r = sent.get(i).join();
            String kind = requests.get(i).path().endsWith("/reschedule") ? "reschedule" : "book";
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201 || r.statusCode() == 409, kind + " " + r.statusCode() + " " + r.body());
            answers.merge(kind + " " + r.statusCode(), 1, Integer::sum);
        }
        return answers;
    }
}
