package dev.kaigi.chassis.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The verified-token cache's own rules: exact text, never at or after exp, bounded, no request objects kept. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void aTokenIsFoundByItsExactTextUntilItsExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        tokens.remember(identity("token-a", NOW.plusSeconds(60)));

        assertNotNull(tokens.find("token-a"));
        assertNull(tokens.find("token-a "), "another text is another token, verified afresh");
        assertNull(tokens.find("token-b"));

        clock.now = NOW.plusSeconds(59);
        assertNotNull(tokens.find("token-a"));
        clock.now = NOW.plusSeconds(60);
        assertNull(tokens.find("token-a"), "at exp the token is no longer valid");
        assertEquals(0, tokens.size(), "the expired entry is dropped");
    }

    @Test
    void expiredTokensAndTokensWithoutExpiryAreNeverKept() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        tokens.remember(identity("old", NOW.minusSeconds(1)));
        tokens.remember(identity("no-exp", null));
        assertEquals(0, tokens.size());
    }

    @Test
    void aFullCacheDropsExpiredEntriesAndThenStopsAdding() {
        VerifiedTokens tokens = new VerifiedTokens(2, clock);
        tokens.remember(identity("short", NOW.plusSeconds(5)));
        tokens.remember(identity("long", NOW.plusSeconds(600)));
        tokens.remember(identity("third", NOW.plusSeconds(600)));
        assertNull(tokens.find("third"), "full of live tokens: the third is verified each time");

        clock.now = NOW.plusSeconds(10);
        tokens.remember(identity("fourth", NOW.plusSeconds(600)));
        assertNotNull(tokens.find("fourth"), "the expired entry made room");
        assertNotNull(tokens.find("long"));
    }

    @Test
    void theCachedIdentityKeepsTheTokensFactsButNotTheVerifyingRequest() {
        VerifiedTokens tokens = new VerifiedTokens(10, clock);
        SecurityIdentity verified = QuarkusSecurityIdentity.builder(identity("token-a", NOW.plusSeconds(60)))
                .addAttribute(RoutingContext.class.getName(), new Object())
                .addAttribute("tenant-id", "Default").build();
        tokens.remember(verified);

        SecurityIdentity cached = tokens.find("token-a");
        assertEquals(Set.of("owner"), cached.getRoles());
        assertEquals(verified.getPrincipal(), cached.getPrincipal());
        assertEquals("Default", cached.getAttribute("tenant-id"));
        assertNull(cached.getAttribute(RoutingContext.class.getName()));

        tokens.remember(cached); // an identity served from the cache is not stored again
        assertEquals(1, tokens.size());
    }

    @Test
    void aZeroCapacityTurnsTheCacheOff() {
        VerifiedTokens tokens = new VerifiedTokens(0, clock);
        tokens.remember(identity("token-a", NOW.plusSeconds(60)));
        assertNull(tokens.find("token-a"));
    }

    private static SecurityIdentity identity(String token, Instant exp) {
        Map<String, Object> claims = exp == null ? Map.of("sub", "u") : Map.of("sub", "u", "exp", exp.getEpochSecond());
        return QuarkusSecurityIdentity.builder().setPrincipal(new Jwt(claims)).addRole("owner")
                .addCredential(new TokenCredential(token, "bearer")).build();
    }

    /** A verified token's claims, as quarkus-oidc's principal would hold them. */
    private record Jwt(Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return (String) claims.get("sub");
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
