package dev.kaigi.licensing;

import dev.kaigi.testsupport.PackagedService;
import dev.kaigi.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LIC-03 across service instances: two packaged licensing-service processes share one database,
 * and requests racing through both still take exactly the purchased number of seats.
 */
class SeatRaceAcrossInstancesIT {

    private static PackagedService first;
    private static PackagedService second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        first = PackagedService.start("licensing-it-1", "licensing_it", Map.of());
        second = PackagedService.start("licensing-it-2", "licensing_it", Map.of());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static Response takeSeat(PackagedService instance, UUID org, UUID user) {
        return RestAssured.given().baseUri(instance.baseUri()).auth().oauth2(TestTokens.service("user-service"))
                .contentType(ContentType.JSON).body("{\"pool\":\"REGULAR\"}")
                .put("/api/v1/internal/organizations/" + org + "/users/" + user + "/seat");
    }

    @Test
    @DisplayName("LIC-03: 60 requests through two instances race for 10 seats: exactly 10 win")
    void raceThroughTwoInstances() throws Exception {
        UUID org = UUID.randomUUID();
        RestAssured.given().baseUri(first.baseUri()).auth().oauth2(TestTokens.user(org, UUID.randomUUID(), "owner"))
                .contentType(ContentType.JSON).body("{\"purchased\":10}").put("/api/v1/subscription/seats/REGULAR")
                .then().statusCode(200);

        ExecutorService pool = Executors.newFixedThreadPool(60);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            PackagedService instance = i % 2 == 0 ? first : second;
            outcomes.add(pool.submit((Callable<String>) () -> {
                start.await();
                Response r = takeSeat(instance, org, UUID.randomUUID());
                return r.statusCode() == 200 ? "200" : r.statusCode() + " " + r.jsonPath().getString("code");
            }));
        }
        start.countDown();
        Map<String, Long> counts = new HashMap<>();
        for (Future<String> f : outcomes) {
            counts.merge(f.get(), 1L, Long::sum);
        }
        pool.shutdown();

        assertEquals(Map.of("200", 10L, "409 seat-unavailable", 50L), counts);
        for (PackagedService instance : List.of(first, second)) {
            RestAssured.given().baseUri(instance.baseUri()).auth().oauth2(TestTokens.user(org, UUID.randomUUID(), "member"))
                    .get("/api/v1/subscription").then().statusCode(200)
                    .body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(10))
                    .body("pools.find { it.pool == 'REGULAR' }.available", equalTo(0));
        }
    }
}
