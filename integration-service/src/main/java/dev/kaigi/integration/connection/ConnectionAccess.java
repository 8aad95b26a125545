package dev.kaigi.integration.connection;

import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.TokenRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * Calls a provider with a connection's access token: refreshes it when it is about to expire or the
 * provider answers 401, once. A refresh holds the connection's row lock and commits at once in a
 * transaction of its own (a provider that rotates refresh tokens must never see the new one lost with a
 * caller's rollback). A refused refresh marks the connection for re-linking.
 */
@ApplicationScoped
public class ConnectionAccess {

    private static final Logger LOG = Logger.getLogger(ConnectionAccess.class);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    @Inject
    EntityManager em;
    @Inject
    ConnectionSecrets secrets;
    @Inject
    OAuthProviders providers;

    /** What an API call needs: the token and, for Salesforce, the instance to call. */
    public record Token(String accessToken, String instanceUrl) {
        @Override
        public String toString() {
            return "Token[redacted, " + instanceUrl + "]";
        }
    }

    /** The connection no longer works (revoked at the provider, no refresh token): the owner must link again. */
    public static class RelinkRequiredException extends RuntimeException {
        public RelinkRequiredException(Provider provider) {
            super(provider.displayName() + " link must be renewed");
        }
    }

    /** Runs {@code call} with a valid token of the connection; {@link RelinkRequiredException} when there is none. */
    public <T> T call(UUID connectionId, Function<Token, T> call) {
        OAuthConnection c = QuarkusTransaction.requiringNew().call(() -> {
            OAuthConnection found = em.find(OAuthConnection.class, connectionId);
            if (found != null) {
                em.detach(found);
            }
            return found;
        });
        if (c == null || c.relinkRequired) {
            throw new RelinkRequiredException(c == null ? Provider.SALESFORCE : c.provider);
        }
        Token token = new Token(secrets.accessToken(c), c.instanceUrl);
        if (c.accessExpiresAt.isBefore(Instant.now().plus(REFRESH_MARGIN))) {
            token = refresh(connectionId, token.accessToken());
        }
        try {
            return call.apply(token);
        } catch (TokenRejectedException e) {
            return call.apply(refresh(connectionId, token.accessToken()));
        }
    }

    /** A fresh token, unless another thread refreshed since {@code stale} was read. */
    private Token refresh(UUID connectionId, String stale) {
        Token[] fresh = new Token[1];
        Provider[] refused = new Provider[1];
        QuarkusTransaction.requiringNew().run(() -> {
            OAuthConnection c = em.find(OAuthConnection.class, connectionId, LockModeType.PESSIMISTIC_WRITE);
            if (c == null || c.relinkRequired) {
                refused[0] = c == null ? Provider.SALESFORCE : c.provider;
                return;
            }
            String current = secrets.accessToken(c);
            if (!current.equals(stale) && c.accessExpiresAt.isAfter(Instant.now().plus(REFRESH_MARGIN))) {
                fresh[0] = new Token(current, c.instanceUrl);
                return;
            }
            String refreshToken = secrets.refreshToken(c);
            try {
                if (refreshToken == null) {
                    throw new ProviderRejectedException(c.provider.name(), 400, "no-refresh-token");
                }
                secrets.store(c, providers.of(c.provider).refresh(refreshToken));
                fresh[0] = new Token(secrets.accessToken(c), c.instanceUrl);
            } catch (ProviderRejectedException e) {
                LOG.warnf("%s refused the refresh token of connection %s (%s); it must be linked again", c.provider,
                        connectionId, e.reason());
                c.relinkRequired = true;
                c.updatedAt = Instant.now();
                refused[0] = c.provider;
            }
        });
        if (refused[0] != null) {
            throw new RelinkRequiredException(refused[0]);
        }
        return fresh[0];
    }
}
