package dev.kaigi.integration.zoom;

import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.TokenRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Calls Zoom as a linked user: refreshes the access token when it is about to expire or Zoom answers 401,
 * once. Zoom rotates refresh tokens, so a refresh holds the connection's row lock and commits the new
 * tokens in a transaction of its own at once: the event transaction that asked may still roll back, but
 * the only valid refresh token is never lost. A refused refresh marks the connection for re-linking.
 */
@ApplicationScoped
public class ZoomAccess {

    private static final Logger LOG = Logger.getLogger(ZoomAccess.class);

    @Inject
    EntityManager em;
    @Inject
    ZoomClient zoom;
    @Inject
    ZoomSecrets secrets;
    @Inject
    ZoomConfig config;

    /** Thrown when the user's Zoom link no longer works; the caller falls back (personal URL) or asks to re-link. */
    public static class RelinkRequiredException extends RuntimeException {
        RelinkRequiredException(UUID userId) {
            super("Zoom link of user " + userId + " must be renewed");
        }
    }

    /** Runs {@code call} with a valid access token; empty when the user has no usable Zoom link. */
    public <T> Optional<T> asUser(UUID userId, Function<String, T> call) {
        Optional<ZoomConnection> connection = QuarkusTransaction.requiringNew()
                .call(() -> Optional.ofNullable(em.find(ZoomConnection.class, userId)).map(c -> {
                    em.detach(c);
                    return c;
                }));
        if (connection.isEmpty() || connection.get().relinkRequired) {
            return Optional.empty();
        }
        ZoomConnection c = connection.get();
        String token = secrets.accessToken(c);
        if (c.accessExpiresAt.isBefore(Instant.now().plus(config.refreshMargin()))) {
            token = refresh(userId, token);
        }
        try {
            return Optional.of(call.apply(token));
        } catch (TokenRejectedException e) {
            return Optional.of(call.apply(refresh(userId, token)));
        }
    }

    /** A fresh access token, unless another thread refreshed since {@code stale} was read. */
    private String refresh(UUID userId, String stale) {
        String[] fresh = new String[1];
        boolean refused = QuarkusTransaction.requiringNew().call(() -> {
            ZoomConnection c = em.find(ZoomConnection.class, userId, LockModeType.PESSIMISTIC_WRITE);
            if (c == null || c.relinkRequired) {
                return true;
            }
            String current = secrets.accessToken(c);
            if (!current.equals(stale) && c.accessExpiresAt.isAfter(Instant.now().plus(config.refreshMargin()))) {
                fresh[0] = current;
                return false;
            }
            try {
                secrets.store(c, zoom.refresh(secrets.refreshToken(c)));
                fresh[0] = secrets.accessToken(c);
                return false;
            } catch (ProviderRejectedException e) {
                LOG.warnf("Zoom refused the refresh token of user %s (%s); the user must link Zoom again", userId,
                        e.reason());
                c.relinkRequired = true;
                c.updatedAt = Instant.now();
                return true;
            }
        });
        if (refused) {
            throw new RelinkRequiredException(userId);
        }
        return fresh[0];
    }
}
