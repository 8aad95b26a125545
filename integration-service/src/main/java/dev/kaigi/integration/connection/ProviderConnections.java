package dev.kaigi.integration.connection;

import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.EventPayload;
import dev.kaigi.integration.connection.ConnectionAudit.Account;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Linking, showing and unlinking provider accounts through OAuth (INT-03 Salesforce, INT-04 calendars).
 * The provider is called outside any transaction; the link, the used state and the announcement commit
 * together or not at all. A connection is owned by a user ({@code ownerUserId}, calendars) or by the
 * organization ({@code null}, Salesforce); the state is bound to whoever started the authorization.
 */
@ApplicationScoped
public class ProviderConnections {

    private static final Logger LOG = Logger.getLogger(ProviderConnections.class);
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    @Inject
    EntityManager em;
    @Inject
    OAuthStates states;
    @Inject
    OAuthProviders providers;
    @Inject
    ConnectionSecrets secrets;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;

    public record Authorization(String authorizeUrl, Instant expiresAt) {
    }

    public Authorization start(Provider provider, UUID orgId, UUID startedBy) {
        providers.of(provider).requireConfigured();
        OAuthStates.Issued issued = states.issue(provider, orgId, startedBy, STATE_LIFETIME);
        return new Authorization(providers.of(provider).authorizeUrl(issued.state()), issued.expiresAt());
    }

    /**
     * Completes an authorization started by {@code startedBy} for one of {@code allowed}: exchanges the code,
     * reads the account, links it (or re-links, replacing the previous account) and publishes
     * {@code announcement} of the new link in the same transaction.
     */
    public OAuthConnection complete(Collection<Provider> allowed, UUID orgId, UUID startedBy, UUID ownerUserId,
                                    String code, String state, Function<OAuthConnection, EventPayload> announcement) {
        Provider provider = states.peek(state, allowed, orgId, startedBy)
                .orElseThrow(() -> new ProblemException(400, "oauth-state-invalid"));
        OAuthProvider client = providers.of(provider);
        OAuthTokens tokens;
        try {
            tokens = client.exchangeCode(code);
        } catch (ProviderRejectedException e) {
            if (e.status() == 400 || e.status() == 401) {
                throw new ProblemException(400, "oauth-authorization-invalid", provider.displayName());
            }
            throw ProviderFailures.toProblem(e, provider.displayName());
        } catch (RuntimeException e) {
            throw ProviderFailures.toProblem(e, provider.displayName());
        }
        LinkedAccount account;
        try {
            account = client.account(tokens);
        } catch (RuntimeException e) {
            throw ProviderFailures.toProblem(e, provider.displayName());
        }
        Grant[] replaced = new Grant[1];
        OAuthConnection linked;
        try {
            linked = QuarkusTransaction.requiringNew().call(() -> {
                if (!states.consume(state, orgId, startedBy)) {
                    throw new ProblemException(400, "oauth-state-invalid"); // a concurrent completion used it first
                }
                OAuthConnection c = owned(orgId, ownerUserId, allowed).orElse(null);
                boolean created = c == null;
                Account was = created ? null : new Account(c.provider, c.accountEmail);
                if (created) {
                    c = new OAuthConnection();
                    c.id = UUID.randomUUID();
                    c.orgId = orgId;
                    c.userId = ownerUserId;
                } else if (c.provider != provider || !c.accountId.equals(account.id())) {
                    // another account: its grant is revoked after the commit; the same account's grant is the new one
                    replaced[0] = grant(c);
                }
                c.provider = provider;
                c.accountId = account.id();
                c.accountEmail = account.email();
                c.linkedBy = startedBy;
                c.linkedAt = Instant.now();
                c.relinkRequired = false;
                c.lastSyncedAt = null;
                c.lastSyncOutcome = null;
                secrets.store(c, tokens);
                if (created) {
                    em.persist(c);
                }
                em.flush();
                audit.record(ConnectionAudit.linked(orgId, ownerUserId, c.id, was, new Account(provider, account.email())));
                EventPayload event = announcement.apply(c);
                if (event != null) {
                    outbox.publish(event);
                }
                em.detach(c);
                return c;
            });
        } catch (RuntimeException e) {
            if (UniqueViolations.is(e)) { // a concurrent first link of the same owner won
                throw ProblemException.conflict("connection-changed-concurrently");
            }
            throw e;
        }
        if (replaced[0] != null) {
            revokeQuietly(replaced[0]);
        }
        return linked;
    }

    /** The connection owned by the user ({@code ownerUserId}) or the organization (null) among {@code providers}. */
    public Optional<OAuthConnection> owned(UUID orgId, UUID ownerUserId, Collection<Provider> providers) {
        List<OAuthConnection> found = (ownerUserId == null
                ? em.createQuery("from OAuthConnection where orgId = :org and userId is null and provider in :p",
                        OAuthConnection.class).setParameter("org", orgId)
                : em.createQuery("from OAuthConnection where orgId = :org and userId = :user and provider in :p",
                        OAuthConnection.class).setParameter("org", orgId).setParameter("user", ownerUserId))
                .setParameter("p", providers).getResultList();
        return found.stream().findFirst();
    }

    /**
     * Unlinks and publishes {@code announcement} in one transaction; the grant is revoked at the provider
     * afterwards, on a best-effort basis. Returns the removed connection, if there was one.
     */
    public Optional<OAuthConnection> disconnect(UUID orgId, UUID ownerUserId, Collection<Provider> providers,
                                                Function<OAuthConnection, EventPayload> announcement) {
        Grant[] grant = new Grant[1];
        Optional<OAuthConnection> removed = QuarkusTransaction.requiringNew().call(() -> {
            Optional<OAuthConnection> c = owned(orgId, ownerUserId, providers);
            c.ifPresent(connection -> {
                grant[0] = grant(connection);
                audit.record(ConnectionAudit.unlinked(orgId, ownerUserId, connection.id,
                        new Account(connection.provider, connection.accountEmail)));
                em.remove(connection);
                EventPayload event = announcement.apply(connection);
                if (event != null) {
                    outbox.publish(event);
                }
            });
            return c;
        });
        if (grant[0] != null) {
            revokeQuietly(grant[0]);
        }
        return removed;
    }

    /** The tokens of a grant being given up, read before its row goes. */
    private record Grant(Provider provider, String accessToken, String refreshToken) {
    }

    private Grant grant(OAuthConnection c) {
        return new Grant(c.provider, c.relinkRequired ? null : secrets.accessToken(c), secrets.refreshToken(c));
    }

    private void revokeQuietly(Grant grant) {
        try {
            providers.of(grant.provider()).revoke(grant.accessToken(), grant.refreshToken());
        } catch (RuntimeException e) {
            LOG.infof("could not revoke a %s grant (%s); it lapses on its own", grant.provider(),
                    e.getClass().getSimpleName());
        }
    }
}
