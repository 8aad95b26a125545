package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.host;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AVL-04: a meeting type's booking window ({@code bookingHorizonDays}) ends at the same instant for
 * availability and for booking, whatever zone the lead reads the slots in: the last slot shown before
 * the edge books, the next slot on the grid is refused as beyond the horizon.
 */
@QuarkusTest
class BookingWindowTest {

    private static final int HORIZON_DAYS = 3;
    private static final int STEP_MINUTES = 30;

    /** A zone where it is daytime now, so the window's edge falls inside the hosts' working hours there. */
    private static String daytimeZone() {
        for (String zone : List.of("Asia/Tokyo", "America/New_York", "Europe/Berlin")) {
            int hour = OffsetDateTime.now(ZoneId.of(zone)).getHour();
            if (hour >= 2 && hour <= 20) {
                return zone;
            }
        }
        throw new IllegalStateException("one of three zones eight hours apart is in daytime");
    }

    @Test
    @DisplayName("AVL-04: availability and booking agree at the booking window's edge, in the host's zone and in leads' zones (half-hour offset, DST zone)")
    void availabilityAndBookingAgreeAtTheEdge() {
        String hostZone = daytimeZone();
        Org org = Org.create(hostZone);
        List<UUID> pool = List.of(host(org, ScheduleBody.in(hostZone).hours("00:00", "23:00")),
                host(org, ScheduleBody.in(hostZone).hours("00:00", "23:00")),
                host(org, ScheduleBody.in(hostZone).hours("00:00", "23:00")));
        String type = org.manager().body("""
                        {"name":"Window","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s","%s","%s"],
                         "slotStepMinutes":%d,"minimumNoticeMinutes":0,"bookingHorizonDays":%d}"""
                        .formatted(pool.get(0), pool.get(1), pool.get(2), STEP_MINUTES, HORIZON_DAYS))
                .post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");

        for (String leadZone : List.of(hostZone, "Asia/Kolkata", "America/New_York")) {
            Instant edge = Instant.now().plus(Duration.ofDays(HORIZON_DAYS));
            LocalDate edgeDay = edge.atZone(ZoneId.of(leadZone)).toLocalDate();
            List<String> slots = org.owner().queryParam("from", edgeDay.minusDays(1).toString()).queryParam("to", edgeDay.plusDays(1).toString())
                    .queryParam("timeZone", leadZone).get("/api/v1/meeting-types/" + type + "/availability").then().statusCode(200)
                    .extract().path("days.slots.flatten().start");
            assertFalse(slots.isEmpty(), "slots before the edge in " + leadZone);
            OffsetDateTime last = OffsetDateTime.parse(slots.get(slots.size() - 1));
            OffsetDateTime next = last.plusMinutes(STEP_MINUTES);
            assertFalse(last.toInstant().isAfter(edge), leadZone + ": the last slot " + last + " is inside the window ending " + edge);
            assertTrue(next.toInstant().isAfter(edge), leadZone + ": " + last + " is the last grid slot before " + edge);

            org.manager().body(BookingFixtures.bookingBody(type, last.toInstant(), "edge@customer.example")
                            .replace(last.toInstant().toString(), last.toString()))
                    .post("/api/v1/bookings").then().statusCode(201);
            if (Duration.between(Instant.now().plus(Duration.ofDays(HORIZON_DAYS)), next.toInstant()).toSeconds() > 5) {
                org.manager().body(BookingFixtures.bookingBody(type, next.toInstant(), "late@customer.example")
                                .replace(next.toInstant().toString(), next.toString()))
                        .post("/api/v1/bookings").then().statusCode(400)
                        .body("errors[0].field", equalTo("start")).body("errors[0].code", equalTo("beyond-booking-horizon"));
            }
        }
    }
}
