package dev.kaigi.integration.connection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth {@code state} of started authorizations (RFC 6749 §10.12): 256 random bits, bound to the
 * organization and the user who started it, single use, short-lived. Only its SHA-256 is stored, so the
 * table alone cannot complete an authorization.
 */
@ApplicationScoped
public class OAuthStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    public record Issued(String state, Instant expiresAt) {
    }

    public Issued issue(Provider purpose, UUID orgId, UUID userId, Duration lifetime) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = Instant.now().plus(lifetime);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from oauth_state where expires_at < now() - interval '1 day'").executeUpdate();
            em.createNativeQuery("""
                            insert into oauth_state (state_hash, purpose, org_id, user_id, expires_at)
                            values (:hash, :purpose, :org, :user, :expires)
                            """)
                    .setParameter("hash", hash(state)).setParameter("purpose", purpose.name())
                    .setParameter("org", orgId).setParameter("user", userId).setParameter("expires", expiresAt)
                    .executeUpdate();
        });
        return new Issued(state, expiresAt);
    }

    /** What the state was issued for, if it is one of {@code purposes}, the caller's, unused and not expired. */
    public Optional<Provider> peek(String state, Collection<Provider> purposes, UUID orgId, UUID userId) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select purpose from oauth_state where state_hash = :hash and org_id = :org and user_id = :user
                            and used_at is null and expires_at > now() and purpose in (:purposes)
                        """)
                .setParameter("hash", hash(state)).setParameter("org", orgId).setParameter("user", userId)
                .setParameter("purposes", purposes.stream().map(Provider::name).toList())
                .getResultList());
        return rows.stream().findFirst().map(p -> Provider.valueOf(p.toString()));
    }

    /** Marks the state used, in the caller's transaction; false if a concurrent completion used it first. */
    public boolean consume(String state, UUID orgId, UUID userId) {
        return em.createNativeQuery("""
                        update oauth_state set used_at = now()
                        where state_hash = :hash and org_id = :org and user_id = :user and used_at is null
                            and expires_at > now()
                        """)
                .setParameter("hash", hash(state)).setParameter("org", orgId).setParameter("user", userId)
                .executeUpdate() == 1;
    }

    static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
