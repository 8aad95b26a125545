package dev.kaigi.chassis;

import dev.kaigi.testsupport.ScrapedMetrics;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Idempotency-Key on create requests: one resource per key, the first answer replayed, misuse refused. */
@QuarkusTest
class IdempotentCreationTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final String TOKEN = TestTokens.user(ORG, UUID.randomUUID(), "owner");

    @Inject
    AgroalDataSource db;

    private static ExtractableResponse<Response> create(String key, String text, boolean refuse) {
        var request = given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body("{\"text\":\"" + text + "\",\"refuse\":" + refuse + "}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/probe/notes").then().extract();
    }

    @Test
    @DisplayName("a retry with the same key and body replays the first 201 (same id, Location, body) and creates nothing")
    void retryReplaysTheFirstAnswer() throws SQLException {
        String key = "retry-" + UUID.randomUUID();
        String text = "note " + key;
        var first = create(key, text, false);
        var second = create(key, text, false);
        assertEquals(201, first.statusCode());
        assertEquals(201, second.statusCode());
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(first.body().asString(), second.body().asString());
        assertEquals(1, notes(text));
    }

    @Test
    @DisplayName("Metrics: a replayed answer counts on /q/metrics as an idempotent replay of its endpoint; a first answer does not")
    void replaysAreMetered() {
        Map<String, String> notes = Map.of("endpoint", "ProbeResource.createNote");
        String key = "metered-" + UUID.randomUUID();
        double before = ScrapedMetrics.now("kaigi_idempotent_replays_total", notes);
        assertEquals(201, create(key, "note " + key, false).statusCode());
        assertEquals(before, ScrapedMetrics.now("kaigi_idempotent_replays_total", notes));
        assertEquals(201, create(key, "note " + key, false).statusCode());
        assertEquals(before + 1, ScrapedMetrics.now("kaigi_idempotent_replays_total", notes));
    }

    @Test
    @DisplayName("the same key with another body is refused with 422 idempotency-key-reused naming the header; nothing is created")
    void anotherRequestUnderAUsedKeyIsRefused() throws SQLException {
        String key = "reused-" + UUID.randomUUID();
        create(key, "first " + key, false);
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"text\":\"second " + key + "\"}").post("/api/v1/probe/notes")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(0, notes("second " + key));
    }

    @Test
    @DisplayName("a malformed key is a 400 naming the header")
    void malformedKeyIs400() {
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).header("Idempotency-Key", "has spaces in it")
                .body("{\"text\":\"x\"}").post("/api/v1/probe/notes")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"))
                .body("errors[0].code", equalTo("idempotency-key-format"));
    }

    @Test
    @DisplayName("a creation that failed leaves no key behind: the retry with the same key creates")
    void failedCreationLeavesNoKey() throws SQLException {
        String key = "failed-" + UUID.randomUUID();
        String text = "refused " + key;
        assertEquals(409, create(key, text, true).statusCode());
        assertEquals(0, notes(text), "the failed creation's insert must roll back");
        assertEquals(201, create(key, text, false).statusCode());
        assertEquals(1, notes(text));
    }

    @Test
    @DisplayName("twenty concurrent twins with one key create one resource and all answer it")
    void concurrentTwinsCreateOnce() throws Exception {
        String key = "twins-" + UUID.randomUUID();
        String text = "twin " + key;
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> create(key, text, false));
            }
            Set<String> locations = new HashSet<>();
            for (Future<ExtractableResponse<Response>> f : pool.invokeAll(calls)) {
                assertEquals(201, f.get().statusCode());
                locations.add(f.get().header("Location"));
            }
            assertEquals(1, locations.size(), "twins answered different resources: " + locations);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, notes(text));
    }

    @Test
    @DisplayName("without a key every request creates")
    void withoutAKeyEachRequestCreates() throws SQLException {
        String text = "keyless " + UUID.randomUUID();
        create(null, text, false);
        create(null, text, false);
        assertEquals(2, notes(text));
    }

    private long notes(String text) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from note where text = ?")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
