package dev.kaigi.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIC-04 across services: concurrent invitations never take more seats than are free. */
@QuarkusTest
class InviteRaceTest {

    @Test
    @DisplayName("LIC-04: 20 concurrent invites with 5 seats left: exactly 5 invited, 15 seat-unavailable, nothing else saved")
    void twentyInvitesForFiveSeats() throws Exception {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(6); // the super admin holds one: 5 left
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "race" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@outside.example";
            outcomes.add(pool.submit((Callable<String>) () -> {
                start.await();
                Response r = org.asSuperAdmin().body("""
                        {"email":"%s","lastName":"Race","role":"MEMBER","permissionProfileId":"%s"}""".formatted(email, org.standardProfile()))
                        .post("/api/v1/users");
                return r.statusCode() == 201 ? "201" : r.statusCode() + " " + r.jsonPath().getString("code");
            }));
        }
        start.countDown();
        Map<String, Long> counts = new HashMap<>();
        for (Future<String> f : outcomes) {
            counts.merge(f.get(), 1L, Long::sum);
        }
        pool.shutdown();
        assertEquals(Map.of("201", 5L, "409 seat-unavailable", 15L), counts);
        org.asSuperAdmin().queryParam("status", "INVITED").get("/api/v1/users").then().body("totalItems", equalTo(5));
        assertEquals(6, org.assignedSeats("REGULAR"));
    }
}
