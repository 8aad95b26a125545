package dev.kaigi.integration.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.events.internal.TransferPreview;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.integration.audit.AuditAction;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderConnections;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.salesforce.SalesforceClient.Opportunity;
import dev.kaigi.integration.salesforce.SalesforceClient.SalesforceUser;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * LIF-05: the Salesforce records' ownership Kaigi tracks, the open opportunities it counts per owner (SCH-04). On a
 * deletion with a Salesforce heir, the open opportunities of the deleted user's Salesforce user (found by email, as
 * the counts are) go to the heir's, 200 per sObject Collections request, each record on its own
 * ({@code allOrNone: false}). A run that finds nothing left owned (a redelivery) moves nothing more. Salesforce away
 * stops the event for the consumer's retry; a connection to renew, a heir Salesforce does not know, or a refused
 * query is recorded, not retried. Each deletion's outcome is kept for the OWNERs and audited.
 */
@ApplicationScoped
public class SalesforceOwnershipTransfers {

    private static final Logger LOG = Logger.getLogger(SalesforceOwnershipTransfers.class);
    private static final Set<Provider> SALESFORCE = Set.of(Provider.SALESFORCE);
    /** What the OWNERs' list shows: the newest transfers. */
    static final int LISTED = 100;

    @Inject
    ProviderConnections connections;
    @Inject
    ConnectionAccess access;
    @Inject
    SalesforceClient salesforce;
    @Inject
    UserDirectory users;
    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;
    @Inject
    ObjectMapper json;

    /** How one run ended, before it is recorded. */
    private record Outcome(String status, int moved, List<OwnershipTransferView.FailedRecord> failed, String detail) {

        static Outcome of(String status, String detail) {
            return new Outcome(status, 0, List.of(), detail);
        }
    }

    /**
     * Hands the deleted user's open opportunities to {@code heir}'s Salesforce user, in the event's transaction; without
     * an heir (or with one that is not a user of the organization here) they stay where they are.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void transfer(UUID orgId, UUID deletedUserId, UUID heir) {
        if (heir == null || heir.equals(deletedUserId) || users.inOrganization(orgId, heir).isEmpty()) {
            return;
        }
        Optional<OAuthConnection> connection = connections.owned(orgId, null, SALESFORCE);
        if (connection.isEmpty()) {
            return; // Kaigi tracks no Salesforce records for this organization
        }
        Outcome outcome = run(connection.get(), orgId, deletedUserId, heir);
        record(orgId, deletedUserId, heir, outcome);
    }

    private Outcome run(OAuthConnection c, UUID orgId, UUID deletedUserId, UUID heir) {
        if (c.relinkRequired) {
            return Outcome.of("RELINK_REQUIRED", null);
        }
        String from = email(users.inOrganization(orgId, deletedUserId));
        String to = email(users.inOrganization(orgId, heir));
        if (from == null) {
            return Outcome.of("NOTHING_TO_MOVE", "deleted-user-email-unknown");
        }
        try {
            Optional<Holdings> held = holdings(c, from, to);
            if (held.isEmpty()) {
                return Outcome.of("NOTHING_TO_MOVE", "deleted-user-not-in-salesforce");
            }
            List<Opportunity> open = held.get().open();
            if (open.isEmpty()) {
                return Outcome.of("NOTHING_TO_MOVE", null);
            }
            if (held.get().heir().isEmpty()) {
                return Outcome.of("HEIR_NOT_IN_SALESFORCE", open.size() + " open opportunities stay with their owner");
            }
            return move(c, orgId, deletedUserId, heir, open, held.get().heir().get().id());
        } catch (ConnectionAccess.RelinkRequiredException e) {
            return Outcome.of("RELINK_REQUIRED", null);
        } catch (ProviderRejectedException e) {
            LOG.warnf("Salesforce refused the ownership transfer of user %s: %s", deletedUserId, e.reason());
            return Outcome.of("REFUSED", e.reason());
        } catch (RuntimeException e) {
            if (ProviderFailures.isTransient(e)) {
                throw new DependencyUnavailableException("Salesforce ownership transfer of user " + deletedUserId
                        + " waits: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Moves the opportunities batch by batch. What each batch moved commits at once, in a transaction of its own, as
     * Salesforce has done it: an outage after some batches rolls the event back, and its retry, which finds only the
     * rest still owned by the deleted user, adds to what the first attempt counted.
     */
    private Outcome move(OAuthConnection c, UUID orgId, UUID deletedUserId, UUID heir, List<Opportunity> open, String heirId) {
        QuarkusTransaction.requiringNew().run(() -> begin(orgId, deletedUserId, heir));
        List<OwnershipTransferView.FailedRecord> failed = new ArrayList<>();
        for (int from = 0; from < open.size(); from += SalesforceClient.COLLECTION_LIMIT) {
            List<String> batch = open.subList(from, Math.min(open.size(), from + SalesforceClient.COLLECTION_LIMIT))
                    .stream().map(Opportunity::id).toList();
            int moved = 0;
            List<OwnershipTransferView.FailedRecord> refused = new ArrayList<>();
            for (SalesforceClient.SaveResult r : access.call(c.id, t -> salesforce.changeOwner(t, batch, heirId))) {
                if (r.success()) {
                    moved++;
                } else {
                    refused.add(new OwnershipTransferView.FailedRecord(r.id(), r.errors()));
                }
            }
            int batchMoved = moved;
            QuarkusTransaction.requiringNew().run(() -> progress(deletedUserId, batchMoved, refused));
            failed.addAll(refused);
        }
        // counted batch by batch above
        return new Outcome(failed.isEmpty() ? "COMPLETED" : "PARTIAL", 0, failed, null);
    }

    /** A run that moves records starts: its failures replace an earlier run's; what was moved before stays counted. */
    private void begin(UUID orgId, UUID deletedUserId, UUID heir) {
        em.createNativeQuery("""
                        insert into salesforce_ownership_transfer (id, org_id, deleted_user_id, heir_user_id, status, moved,
                            failed, detail, transferred_at)
                        values (:id, :org, :deleted, :heir, 'IN_PROGRESS', 0, '[]', null, :now)
                        on conflict (deleted_user_id) do update set status = 'IN_PROGRESS', failed = '[]', detail = null,
                            transferred_at = excluded.transferred_at
                        where salesforce_ownership_transfer.org_id = excluded.org_id
                        """)
                .setParameter("id", UUID.randomUUID()).setParameter("org", orgId).setParameter("deleted", deletedUserId)
                .setParameter("heir", heir).setParameter("now", Instant.now())
                .executeUpdate();
    }

    private void progress(UUID deletedUserId, int moved, List<OwnershipTransferView.FailedRecord> refused) {
        em.createNativeQuery("""
                        update salesforce_ownership_transfer set moved = moved + :moved, failed = failed || cast(:failed as jsonb)
                        where deleted_user_id = :deleted
                        """)
                .setParameter("moved", moved).setParameter("failed", write(refused)).setParameter("deleted", deletedUserId)
                .executeUpdate();
    }

    /**
     * One row per deletion: a later run (a redelivery) adds what it moved, and one that found nothing left keeps the
     * first run's status and failures, and is not audited again.
     */
    private void record(UUID orgId, UUID deletedUserId, UUID heir, Outcome outcome) {
        Object[] row = (Object[]) em.createNativeQuery("""
                        insert into salesforce_ownership_transfer (id, org_id, deleted_user_id, heir_user_id, status, moved,
                            failed, detail, transferred_at)
                        values (:id, :org, :deleted, :heir, :status, :moved, cast(:failed as jsonb), :detail, :now)
                        on conflict (deleted_user_id) do update set
                            moved = salesforce_ownership_transfer.moved + excluded.moved,
                            status = case when excluded.status <> 'NOTHING_TO_MOVE' then excluded.status
                                          -- a run that stopped after its last batch moved everything
                                          when salesforce_ownership_transfer.status = 'IN_PROGRESS' then 'COMPLETED'
                                          else salesforce_ownership_transfer.status end,
                            failed = case when excluded.status = 'NOTHING_TO_MOVE' then salesforce_ownership_transfer.failed
                                          else excluded.failed end,
                            detail = case when excluded.status = 'NOTHING_TO_MOVE' then salesforce_ownership_transfer.detail
                                          else excluded.detail end,
                            transferred_at = excluded.transferred_at
                        where salesforce_ownership_transfer.org_id = excluded.org_id
                        returning id, moved, xmax = 0
                        """)
                .setParameter("id", UUID.randomUUID()).setParameter("org", orgId).setParameter("deleted", deletedUserId)
                .setParameter("heir", heir).setParameter("status", outcome.status()).setParameter("moved", outcome.moved())
                .setParameter("failed", write(outcome.failed())).setParameter("detail", outcome.detail())
                .setParameter("now", Instant.now())
                .getResultList().stream().findFirst().orElse(null);
        if (row == null) {
            return; // the user was another organization's: nothing of theirs is recorded here
        }
        if ("NOTHING_TO_MOVE".equals(outcome.status()) && !Boolean.TRUE.equals(row[2])) {
            return; // a later run that found nothing left changed nothing
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("heirUserId", heir);
        after.put("status", outcome.status());
        after.put("moved", ((Number) row[1]).intValue());
        after.put("failed", outcome.failed().size());
        audit.record(AuditChange.of(orgId, AuditAction.SALESFORCE_OWNERSHIP_TRANSFERRED).targetUser(deletedUserId)
                .target((UUID) row[0]).after(after));
    }

    /** The organization's transfers, newest first. */
    @Transactional
    public List<OwnershipTransferView> of(UUID orgId) {
        return em.createNativeQuery("""
                        select id, deleted_user_id, heir_user_id, status, moved, cast(failed as text), detail, transferred_at
                        from salesforce_ownership_transfer where org_id = :org
                        order by transferred_at desc, id limit :limit
                        """)
                .setParameter("org", orgId).setParameter("limit", LISTED)
                .getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    return new OwnershipTransferView((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                            ((Number) r[4]).intValue(), read((String) r[5]), (String) r[6], instant(r[7]));
                }).toList();
    }

    /**
     * What a deletion with {@code heir} would do with the user's open opportunities (LIF-05), read live from
     * Salesforce; changes nothing. Salesforce away or to be re-connected is one item saying so, never an error.
     *
     * @param heirActive whether the heir is an active user of the organization as this service knows them
     */
    public TransferPreview.CategoryPreview preview(UUID orgId, UUID userId, UUID heir, boolean heirActive) {
        Optional<OAuthConnection> connection = QuarkusTransaction.requiringNew().call(() -> connections.owned(orgId, null, SALESFORCE));
        if (connection.isEmpty()) {
            return category(heir, List.of(), List.of());
        }
        OAuthConnection c = connection.get();
        if (c.relinkRequired) {
            return unavailable(heir, c, "salesforce-relink-required");
        }
        String from = QuarkusTransaction.requiringNew().call(() -> email(users.inOrganization(orgId, userId)));
        String to = heir == null ? null
                : QuarkusTransaction.requiringNew().call(() -> email(users.inOrganization(orgId, heir)));
        if (from == null) {
            return category(heir, List.of(), List.of());
        }
        try {
            Optional<Holdings> held = holdings(c, from, to);
            if (held.isEmpty()) {
                return category(heir, List.of(), List.of());
            }
            String reason = heir == null ? "no-heir" : !heirActive ? "heir-not-active"
                    : held.get().heir().isEmpty() ? "heir-not-in-salesforce" : null;
            List<TransferPreview.TransferItem> items = held.get().open().stream()
                    .map(o -> new TransferPreview.TransferItem("opportunity", o.id(), o.name(), reason)).toList();
            return reason == null ? category(heir, items, List.of()) : category(heir, List.of(), items);
        } catch (ConnectionAccess.RelinkRequiredException e) {
            return unavailable(heir, c, "salesforce-relink-required");
        } catch (RuntimeException e) {
            if (!(e instanceof ProviderRejectedException) && !ProviderFailures.isTransient(e)) {
                throw e;
            }
            LOG.warnf("Salesforce could not be read for the transfer preview of user %s: %s", userId, e.getMessage());
            return unavailable(heir, c, "salesforce-unavailable");
        }
    }

    private static TransferPreview.CategoryPreview unavailable(UUID heir, OAuthConnection c, String reason) {
        return category(heir, List.of(), List.of(new TransferPreview.TransferItem("salesforce-connection", c.id.toString(),
                "Salesforce", reason)));
    }

    private static TransferPreview.CategoryPreview category(UUID heir, List<TransferPreview.TransferItem> moving,
                                                     List<TransferPreview.TransferItem> notMoving) {
        return new TransferPreview.CategoryPreview(TransferCategory.SALESFORCE_RECORDS, heir, moving, notMoving);
    }

    /** The deleted user's open opportunities, and the heir's Salesforce user if Salesforce knows one. */
    private record Holdings(List<Opportunity> open, Optional<SalesforceUser> heir) {
    }

    /**
     * What the deleted user ({@code from}) holds in Salesforce and who would take it ({@code to}, both lower-cased
     * emails); empty when the deleted user has no active Salesforce user.
     */
    private Optional<Holdings> holdings(OAuthConnection c, String from, String to) {
        List<SalesforceUser> found = access.call(c.id, t -> salesforce.activeUsers(t,
                Stream.of(from, to).filter(e -> e != null).distinct().toList()));
        Optional<SalesforceUser> owner = userWith(found, from);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        List<Opportunity> open = access.call(c.id, t -> salesforce.openOpportunities(t, owner.get().id()));
        return Optional.of(new Holdings(open, to == null || to.equals(from) ? Optional.empty() : userWith(found, to)));
    }

    /** The Salesforce user with {@code email}; of several, the one with the lowest id, so every run picks the same. */
    private static Optional<SalesforceUser> userWith(List<SalesforceUser> found, String email) {
        return found.stream().filter(u -> u.email().equals(email)).min(Comparator.comparing(SalesforceUser::id));
    }

    private static String email(Optional<UserProfile> user) {
        return user.map(u -> u.email).filter(e -> !e.isBlank()).map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse(null);
    }

    private String write(List<OwnershipTransferView.FailedRecord> failed) {
        try {
            return json.writeValueAsString(failed);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<OwnershipTransferView.FailedRecord> read(String failed) {
        try {
            return json.readValue(failed, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
