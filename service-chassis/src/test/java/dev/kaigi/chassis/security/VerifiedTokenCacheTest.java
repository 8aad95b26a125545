package dev.kaigi.chassis.security;

import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verified-token cache through real requests: a token sent again is still read correctly,
 * a changed copy of a cached token is refused, and a cached token stops working at its expiry.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    private static final UUID ORG = UUID.randomUUID();

    @Inject
    VerifiedTokens cache;

    @Test
    void aCachedTokenAnswersAsTheFirstTimeAndEachTokenKeepsItsOwnCaller() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String aliceToken = TestTokens.user(ORG, alice, "owner");
        String bobToken = TestTokens.user(ORG, bob, "member");
        long hitsBefore = cache.hits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(aliceToken).get("/api/v1/caller").then()
                    .statusCode(200).body("userId", equalTo(alice.toString())).body("roles", hasItems("owner"));
            given().auth().oauth2(bobToken).get("/api/v1/caller").then()
                    .statusCode(200).body("userId", equalTo(bob.toString())).body("roles", hasItems("member"));
            given().auth().oauth2(bobToken).get("/api/v1/probe/owners-only").then().statusCode(403);
        }
        assertNotNull(cache.find(aliceToken));
        assertTrue(cache.hits() - hitsBefore >= 7, "each token was verified once, then answered from the cache");
    }

    @Test
    void aChangedCopyOfACachedTokenIsVerifiedAndRefused() {
        String token = TestTokens.user(ORG, UUID.randomUUID(), "member");
        given().auth().oauth2(token).get("/api/v1/caller").then().statusCode(200);

        // the payload made an owner's, the signature kept: only a fresh verification can tell
        String[] parts = token.split("\\.");
        String ownerPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"member\"", "\"owner\"").getBytes());
        String forged = parts[0] + "." + ownerPayload + "." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/probe/owners-only").then().statusCode(401);
        given().auth().oauth2(token + "x").get("/api/v1/caller").then().statusCode(401);
    }

    @Test
    void aCachedTokenStopsWorkingAtItsExpiry() throws InterruptedException {
        String token = TestTokens.service("scheduling-service", Duration.ofSeconds(3));
        given().auth().oauth2(token).get("/api/v1/caller").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/caller").then().statusCode(200);

        assertNotNull(cache.find(token));

        Thread.sleep(4_000);
        given().auth().oauth2(token).get("/api/v1/caller").then().statusCode(401);
        assertNull(cache.find(token));
    }
}
