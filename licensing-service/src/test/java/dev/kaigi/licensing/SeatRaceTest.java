package dev.kaigi.licensing;

import dev.kaigi.events.user.UserType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static dev.kaigi.licensing.LicensingFixtures.owner;
import static dev.kaigi.licensing.LicensingFixtures.service;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LIC-03/LIC-04: however many requests race, assigned never exceeds purchased and nobody holds two seats. */
@QuarkusTest
class SeatRaceTest {

    @Inject
    LicensingFixtures fixtures;
    @Inject
    AgroalDataSource dataSource;

    /** Fires all calls at once (a latch releases 50 threads together) and returns status → code → count. */
    private static Map<String, Long> race(int requests, Function<Integer, Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                int n = i;
                outcomes.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    Response r = call.apply(n);
                    String code = r.getStatusCode() >= 400 ? r.jsonPath().getString("code") : "";
                    return r.getStatusCode() + " " + code;
                }));
            }
            start.countDown();
            Map<String, Long> counts = new HashMap<>();
            for (Future<String> f : outcomes) {
                counts.merge(f.get().trim(), 1L, Long::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("LIC-03: 50 owners' requests race for 10 free seats: exactly 10 win, 40 get seat-unavailable")
    void fiftyOwnerRequestsForTenSeats() throws Exception {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 10);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(fixtures.user(org, UserType.REGULAR));
        }
        Map<String, Long> outcome = race(50, i -> owner(org)
                .body("{\"userId\":\"" + users.get(i) + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments"));

        assertEquals(Map.of("201", 10L, "409 seat-unavailable", 40L), outcome);
        owner(org).get("/api/v1/subscription").then()
                .body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(10))
                .body("pools.find { it.pool == 'REGULAR' }.available", equalTo(0));
        assertEquals(10, count("select count(*) from seat_assignment where org_id = '" + org + "'"));
    }

    @Test
    @DisplayName("LIC-04: 50 user-service calls race for 10 seats through the seat API: exactly 10 win")
    void fiftyServiceCallsForTenSeats() throws Exception {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 10);
        Map<String, Long> outcome = race(50, i -> service().body("{\"pool\":\"REGULAR\"}")
                .put("/api/v1/internal/organizations/" + org + "/users/" + UUID.randomUUID() + "/seat"));

        assertEquals(Map.of("200", 10L, "409 seat-unavailable", 40L), outcome);
        assertEquals(10, count("select assigned from seat_pool where org_id = '" + org + "' and pool = 'REGULAR'"));
        assertEquals(10, count("select count(*) from seat_assignment where org_id = '" + org + "'"));
    }

    @Test
    @DisplayName("LIC-04: 20 retries of the same take-seat call race: one seat taken, every caller gets it")
    void retriesOfOneUserTakeOneSeat() throws Exception {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> outcome = race(20, i -> {
            Response r = service().body("{\"pool\":\"REGULAR\"}")
                    .put("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat");
            ids.add(r.jsonPath().getString("id"));
            return r;
        });
        assertEquals(Map.of("200", 20L), outcome);
        assertEquals(1, Set.copyOf(ids).size(), "every retry must return the same seat");
        assertEquals(1, count("select assigned from seat_pool where org_id = '" + org + "' and pool = 'REGULAR'"));
    }

    @Test
    @DisplayName("LIC-03: the database itself refuses assigned > purchased, whatever the Java code does")
    void databaseRefusesOverAssignment() throws Exception {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 1);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            java.sql.SQLException refused = assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("update seat_pool set assigned = 2 where org_id = '" + org + "' and pool = 'REGULAR'"));
            assertEquals("23514", refused.getSQLState()); // check_violation
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
