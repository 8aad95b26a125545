package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.integration.OpportunityCountsSynced;
import dev.kaigi.events.integration.OwnerOpportunityCount;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderConnections;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.user.UserDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * INT-03, SCH-04: reads the open opportunities per owner email for the organization's active users and
 * publishes them as {@code opportunity-counts-synced}. The users' emails are asked for in batches (an
 * aggregate query cannot be paged); the published list holds the users with at least one open
 * opportunity, so a user missing from it has none. Nothing is published unless every batch was read.
 */
@ApplicationScoped
public class SalesforceSync {

    private static final Logger LOG = Logger.getLogger(SalesforceSync.class);

    @Inject
    ProviderConnections connections;
    @Inject
    ConnectionAccess access;
    @Inject
    SalesforceClient salesforce;
    @Inject
    SalesforceConfig config;
    @Inject
    UserDirectory users;
    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;

    /** What a sync did: how many users were asked for, in how many queries, how many have open opportunities. */
    public record Result(Instant syncedAt, int usersAsked, int queries, int ownersWithOpenOpportunities) {
    }

    public Result sync(UUID orgId) {
        OAuthConnection c = QuarkusTransaction.requiringNew()
                .call(() -> connections.owned(orgId, null, Set.of(Provider.SALESFORCE)))
                .orElseThrow(() -> new ProblemException(404, "salesforce-not-connected"));
        if (c.relinkRequired) {
            throw ProblemException.conflict("salesforce-relink-required");
        }
        // lower-cased email -> the email as user-service announced it
        Map<String, String> emails = new LinkedHashMap<>();
        QuarkusTransaction.requiringNew().call(() -> users.activeEmails(orgId))
                .forEach(email -> emails.putIfAbsent(email.trim().toLowerCase(Locale.ROOT), email.trim()));
        List<String> asked = List.copyOf(emails.keySet());
        Map<String, Integer> counts = new HashMap<>();
        int queries = 0;
        try {
            for (int from = 0; from < asked.size(); from += config.ownerBatchSize()) {
                List<String> batch = asked.subList(from, Math.min(asked.size(), from + config.ownerBatchSize()));
                counts.putAll(access.call(c.id, token -> salesforce.openOpportunityCounts(token, batch)));
                queries++;
            }
        } catch (ConnectionAccess.RelinkRequiredException e) {
            outcome(c.id, "relink-required");
            throw ProblemException.conflict("salesforce-relink-required");
        } catch (ProviderRejectedException e) {
            LOG.warnf("Salesforce refused the opportunity query of organization %s: %s", orgId, e.reason());
            outcome(c.id, "provider-error");
            throw ProviderFailures.toProblem(e, Provider.SALESFORCE.displayName());
        } catch (RuntimeException e) {
            if (!ProviderFailures.isTransient(e)) {
                throw e;
            }
            outcome(c.id, "provider-unavailable");
            throw ProviderFailures.toProblem(e, Provider.SALESFORCE.displayName());
        }
        List<OwnerOpportunityCount> owners = asked.stream().filter(e -> counts.getOrDefault(e, 0) > 0)
                .map(e -> new OwnerOpportunityCount(emails.get(e), counts.get(e))).toList();
        Instant syncedAt = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (setOutcome(c.id, "ok", syncedAt)) { // unless it was disconnected meanwhile
                outbox.publish(new OpportunityCountsSynced(orgId, syncedAt, owners));
            }
        });
        return new Result(syncedAt, asked.size(), queries, owners.size());
    }

    private void outcome(UUID connectionId, String outcome) {
        QuarkusTransaction.requiringNew().run(() -> setOutcome(connectionId, outcome, null));
    }

    private boolean setOutcome(UUID connectionId, String outcome, Instant syncedAt) {
        return em.createNativeQuery("""
                        update oauth_connection set last_sync_outcome = :outcome,
                            last_synced_at = coalesce(cast(:synced as timestamptz), last_synced_at)
                        where id = :id
                        """)
                .setParameter("outcome", outcome).setParameter("synced", syncedAt).setParameter("id", connectionId)
                .executeUpdate() == 1;
    }
}
