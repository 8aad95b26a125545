package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One truth (SCH-09 with AVL-01..04): for random pools, schedules, date overrides, time off,
 * holidays and own closed days, over the days of a DST change (New York), in zones of half hours
 * (Kolkata) and without DST (Tokyo), every slot availability shows books, and every other slot of the
 * grid is refused. Each shown slot is booked and cancelled again, so the next is judged on the same
 * state. A failure names the seed that rebuilds the scenario.
 */
@QuarkusTest
class AvailabilityTruthTest {

    private static final List<String> ZONES = List.of("America/New_York", "Asia/Kolkata", "Asia/Tokyo");

    /** Seed, first day, lead's zone, whether the organization follows Japan's holidays. */
    static Stream<Arguments> scenarios() {
        long seed = System.nanoTime();
        Random pick = new Random(seed);
        List<LocalDate> days = List.of(LocalDate.of(2027, 3, 13), LocalDate.of(2027, 3, 20), LocalDate.of(2027, 11, 6));
        return Stream.of(
                Arguments.of(11L, LocalDate.of(2027, 3, 13), "America/New_York", false), // spring forward on the 14th
                Arguments.of(23L, LocalDate.of(2027, 3, 20), "Asia/Kolkata", true), // 春分の日 and its substitute day
                Arguments.of(37L, LocalDate.of(2027, 11, 6), "Asia/Tokyo", true), // fall back on the 7th
                Arguments.of(seed, days.get(pick.nextInt(days.size())), ZONES.get(pick.nextInt(ZONES.size())), pick.nextBoolean()));
    }

    @ParameterizedTest(name = "AVL-01..04, SCH-09: availability and booking agree slot by slot (seed {0}, from {1}, lead in {2}, JP holidays {3})")
    @MethodSource("scenarios")
    void availabilityIsBookable(long seed, LocalDate first, String leadZone, boolean japaneseHolidays) {
        Random random = new Random(seed);
        Org org = Org.create("Asia/Tokyo");
        LocalDate last = first.plusDays(2);
        if (japaneseHolidays) {
            org.manager().body("{\"calendar\":\"JP\"}").put("/api/v1/organization/holiday-settings").then().statusCode(200);
        }
        if (random.nextInt(3) == 0) {
            org.manager().body("{\"name\":\"Closed\"}").put("/api/v1/organization/closed-days/" + first.plusDays(random.nextInt(3)))
                    .then().statusCode(200);
        }
        List<UUID> pool = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pool.add(randomHost(org, random, first));
        }
        int minutes = List.of(30, 45, 60).get(random.nextInt(3));
        int step = List.of(15, 30).get(random.nextInt(2));
        int buffer = random.nextBoolean() ? 0 : 15;
        String type = org.manager().body("""
                        {"name":"Truth","durationMinutes":%d,"conferencingMethod":"PHONE","hostPool":["%s","%s","%s"],"slotStepMinutes":%d,
                         "bufferBeforeMinutes":%d,"bufferAfterMinutes":%d,"minimumNoticeMinutes":0,"bookingHorizonDays":365}"""
                        .formatted(minutes, pool.get(0), pool.get(1), pool.get(2), step, buffer, buffer))
                .post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
        String scenario = "seed " + seed + ", " + minutes + " min every " + step + " (buffers " + buffer + ")";

        Set<Instant> shown = shown(org, type, first, last, leadZone);
        // a few meetings kept, so caps and overlaps bind
        List<Instant> shownList = new ArrayList<>(shown);
        for (int i = 0; i < 4 && !shownList.isEmpty(); i++) {
            org.manager().body(bookingBody(type, shownList.get(random.nextInt(shownList.size())), "kept" + i + "@customer.example"))
                    .post("/api/v1/bookings");
        }
        shown = shown(org, type, first, last, leadZone);
        assertFalse(shown.isEmpty(), scenario + ": three hosts working every day offer something");

        ZoneId zone = ZoneId.of(leadZone);
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        int agreed = 0;
        for (Instant s = first.atStartOfDay(zone).toInstant(); s.isBefore(end); s = s.plus(Duration.ofMinutes(step))) {
            Response r = org.manager().body(bookingBody(type, s, "truth@customer.example")).post("/api/v1/bookings");
            boolean booked = r.statusCode() == 201;
            if (booked != shown.contains(s)) {
                fail(scenario + ": " + s.atZone(zone) + (booked ? " is not shown but booked" : " is shown but refused: " + r.asString()));
            }
            if (booked) {
                org.manager().body("{}").post("/api/v1/bookings/" + r.path("id") + "/cancel").then().statusCode(200);
            } else {
                assertEquals(409, r.statusCode(), scenario + ": " + s + " " + r.asString());
            }
            agreed++;
        }
        assertEquals(Duration.between(first.atStartOfDay(zone), last.plusDays(1).atStartOfDay(zone)).toMinutes() / step, agreed, scenario);
    }

    private static Set<Instant> shown(Org org, String type, LocalDate first, LocalDate last, String zone) {
        List<String> starts = org.owner().queryParam("from", first.toString()).queryParam("to", last.toString()).queryParam("timeZone", zone)
                .get("/api/v1/meeting-types/" + type + "/availability").then().statusCode(200).extract().path("days.slots.flatten().start");
        Set<Instant> instants = new HashSet<>();
        starts.forEach(s -> instants.add(OffsetDateTime.parse(s).toInstant()));
        return instants;
    }

    /** A host in a random zone with random hours, break and cap, maybe an override and maybe time off in the three days. */
    private static UUID randomHost(Org org, Random random, LocalDate first) {
        String zone = ZONES.get(random.nextInt(ZONES.size()));
        LocalTime start = LocalTime.of(random.nextInt(13), random.nextBoolean() ? 0 : 30);
        LocalTime end = start.plusHours(4 + random.nextInt(8));
        ScheduleBody schedule = ScheduleBody.in(zone).hours(start.toString(), end.toString());
        if (random.nextBoolean()) {
            LocalTime b = start.plusHours(2);
            schedule.breakFrom(b.toString(), b.plusMinutes(30 + 30L * random.nextInt(2)).toString());
        }
        if (random.nextBoolean()) {
            schedule.dailyCap(1 + random.nextInt(3));
        }
        UUID user = host(org, schedule);
        if (random.nextBoolean()) {
            LocalDate day = first.plusDays(random.nextInt(3));
            String body = random.nextBoolean() ? "{\"enabled\":false}"
                    : "{\"enabled\":true,\"start\":\"01:30\",\"end\":\"%s\",\"breaks\":[{\"start\":\"03:00\",\"end\":\"03:45\"}]}"
                    .formatted(LocalTime.of(5 + random.nextInt(18), 0));
            org.owner().body(body).put("/api/v1/users/" + user + "/date-overrides/" + day).then().statusCode(200);
        }
        if (random.nextBoolean()) {
            LocalDateTime from = first.atStartOfDay().plusMinutes(30L * random.nextInt(6 * 48));
            org.owner().body("{\"start\":\"%s\",\"end\":\"%s\"}".formatted(from, from.plusMinutes(30L + 30L * random.nextInt(40))))
                    .post("/api/v1/users/" + user + "/time-off").then().statusCode(201);
        }
        return user;
    }
}
