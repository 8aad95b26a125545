package dev.kaigi.licensing;

import dev.kaigi.events.user.UserType;
import dev.kaigi.licensing.subscription.SeatUsageMetrics;
import dev.kaigi.testsupport.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.licensing.LicensingFixtures.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seat pool usage on /q/metrics, per plan and pool, never per organization. */
@QuarkusTest
class SeatUsageMetricsTest {

    private static final Map<String, String> FREE_REGULAR = Map.of("plan", "free", "pool", "regular");

    @Inject
    LicensingFixtures fixtures;
    @Inject
    SeatUsageMetrics usage;

    @Test
    @DisplayName("Metrics: a new organization's seats and an assignment add to its plan's sums; no series names an organization")
    void usageIsSummedPerPlan() throws SQLException {
        usage.refresh();
        ScrapedMetrics before = ScrapedMetrics.scrape();
        UUID org = UUID.randomUUID();
        UUID user = fixtures.user(org, UserType.REGULAR);
        owner(org).body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments")
                .then().statusCode(201);
        var subscription = owner(org).get("/api/v1/subscription").then().statusCode(200).extract();
        assertEquals("FREE", subscription.path("plan"), "a new organization's plan");
        int purchased = subscription.path("pools.find { it.pool == 'REGULAR' }.purchased");

        usage.refresh();
        ScrapedMetrics after = ScrapedMetrics.scrape();
        assertEquals(before.value("kaigi_seat_pool_assigned_seats", FREE_REGULAR) + 1,
                after.value("kaigi_seat_pool_assigned_seats", FREE_REGULAR));
        assertEquals(before.value("kaigi_seat_pool_purchased_seats", FREE_REGULAR) + purchased,
                after.value("kaigi_seat_pool_purchased_seats", FREE_REGULAR));
        assertEquals(false, after.toString().contains(org.toString()), "a series names the organization");
    }
}
