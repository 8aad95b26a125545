package dev.kaigi.licensing;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.kaigi.licensing.LicensingFixtures.owner;
import static dev.kaigi.licensing.LicensingFixtures.service;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch seat API user-service's CSV import uses (BLK-01, BLK-03, LIC-03, LIC-04). */
@QuarkusTest
class SeatBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static List<UUID> users(int n) {
        return Stream.generate(UUID::randomUUID).limit(n).toList();
    }

    private static String body(String pool, List<UUID> users) {
        return "{\"pool\":\"" + pool + "\",\"userIds\":[" + users.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private static Response take(UUID org, String pool, List<UUID> users) {
        return service().body(body(pool, users)).post("/api/v1/internal/organizations/" + org + "/seat-batches");
    }

    private static int assigned(UUID org, String pool) {
        return owner(org).get("/api/v1/subscription").then().extract()
                .path("pools.find { it.pool == '" + pool + "' }.assigned");
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    @Test
    @DisplayName("BLK-01/LIC-04: a batch takes the free seats in request order and refuses the rest; a retry changes nothing")
    void takesFreeSeatsInOrder() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 5);
        List<UUID> batch = users(8);
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            Response first = take(org, "REGULAR", batch);
            first.then().statusCode(200);
            assertEquals(strings(batch.subList(0, 5)), first.jsonPath().getList("taken"));
            assertEquals(strings(batch.subList(5, 8)), first.jsonPath().getList("refused"));
            for (UUID u : batch.subList(0, 5)) {
                events.await(EventTypes.SEAT_ASSIGNED, u.toString(), WAIT);
            }
        }
        assertEquals(5, assigned(org, "REGULAR"));

        Response retry = take(org, "REGULAR", batch);
        assertEquals(strings(batch.subList(0, 5)), retry.jsonPath().getList("taken"));
        assertEquals(5, assigned(org, "REGULAR"));
        service().get("/api/v1/internal/organizations/" + org + "/users/" + batch.get(4) + "/seat").then().statusCode(200);
        service().get("/api/v1/internal/organizations/" + org + "/users/" + batch.get(5) + "/seat").then().statusCode(404);
    }

    @Test
    @DisplayName("LIC-03: batches racing single takes never assign more seats than purchased")
    void batchesRacingSingleTakesNeverOverAssign() throws Exception {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 12);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                List<UUID> batch = users(5);
                granted.add(pool.submit(() -> {
                    start.await();
                    return take(org, "REGULAR", batch).then().statusCode(200).extract().jsonPath().getList("taken").size();
                }));
            }
            for (int i = 0; i < 8; i++) {
                UUID single = UUID.randomUUID();
                granted.add(pool.submit(() -> {
                    start.await();
                    int status = service().body("{\"pool\":\"REGULAR\"}")
                            .put("/api/v1/internal/organizations/" + org + "/users/" + single + "/seat").statusCode();
                    assertTrue(status == 200 || status == 409, "status " + status);
                    return status == 200 ? 1 : 0;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get();
            }
            assertEquals(12, total, "28 requests for 12 seats: every seat is handed out, none twice");
            assertEquals(12, assigned(org, "REGULAR"));
            assertEquals(12, owner(org).get("/api/v1/seat-assignments?size=50").then().extract().jsonPath().getList("items").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("BLK-03/LIC-05: a team batch needs team licences switched on")
    void teamBatchNeedsTeamLicences() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.plan(org, "STANDARD");
        take(org, "TEAM", users(2)).then().statusCode(409).body("code", equalTo("team-licences-disabled"));
        LicensingFixtures.teamLicences(org, true);
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":1}").post("/api/v1/subscription/seats").then().statusCode(200);
        List<UUID> batch = users(2);
        Response r = take(org, "TEAM", batch);
        assertEquals(strings(batch.subList(0, 1)), r.jsonPath().getList("taken"));
        assertEquals(strings(batch.subList(1, 2)), r.jsonPath().getList("refused"));
    }

    @Test
    @DisplayName("LIC-04: giving a batch back frees its seats; only service accounts may call either")
    void returnAndAuthorization() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 3);
        List<UUID> batch = users(3);
        take(org, "REGULAR", batch).then().statusCode(200);
        String ids = "{\"userIds\":[" + batch.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(",")) + "]}";
        owner(org).body(ids).post("/api/v1/internal/organizations/" + org + "/seat-batches/return").then().statusCode(403);
        owner(org).body(body("REGULAR", users(1))).post("/api/v1/internal/organizations/" + org + "/seat-batches").then().statusCode(403);
        given().contentType(ContentType.JSON).body(ids).post("/api/v1/internal/organizations/" + org + "/seat-batches/return").then().statusCode(401);
        service().body(ids).post("/api/v1/internal/organizations/" + org + "/seat-batches/return").then().statusCode(204);
        assertEquals(0, assigned(org, "REGULAR"));
        service().body("{\"pool\":\"REGULAR\",\"userIds\":[]}").post("/api/v1/internal/organizations/" + org + "/seat-batches")
                .then().statusCode(400).body("errors[0].field", equalTo("userIds"));
        given().auth().oauth2(TestTokens.user(org, UUID.randomUUID(), "member")).contentType(ContentType.JSON)
                .body(body("REGULAR", users(1))).post("/api/v1/internal/organizations/" + org + "/seat-batches").then().statusCode(403);
    }
}
