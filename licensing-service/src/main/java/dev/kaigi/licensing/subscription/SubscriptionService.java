package dev.kaigi.licensing.subscription;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.Plan;
import dev.kaigi.events.licensing.PlanChanged;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.licensing.TeamLicencesDisabled;
import dev.kaigi.licensing.LicensingConfig;
import dev.kaigi.licensing.audit.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plans, team-user licences and purchased seats of an organization (LIC-01, LIC-02, LIC-05, LIC-06). */
@ApplicationScoped
public class SubscriptionService {

    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    SeatPoolRepository pools;
    @Inject
    SeatHolders assignments;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    LicensingConfig config;
    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Organizations known to have a subscription; subscriptions are never deleted, so this only grows. */
    private final java.util.Set<UUID> bootstrapped = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Gives a new organization its FREE subscription; nothing happens if it has one. */
    @Transactional
    public void bootstrap(UUID orgId) {
        if (bootstrapped.contains(orgId)) {
            return;
        }
        subscriptions.createIfAbsent(orgId, config.defaultRegularSeats());
        // remembered only once this transaction committed the row (or found it)
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    bootstrapped.add(orgId);
                }
            }
        });
    }

    @Transactional
    public SubscriptionView view(UUID orgId) {
        bootstrap(orgId);
        return toView(subscriptions.findById(orgId));
    }

    /** Buys {@code quantity} more seats of {@code pool}. */
    @Transactional
    public SubscriptionView purchase(UUID orgId, SeatPool pool, int quantity, Long expectedVersion) {
        Subscription s = lockForChange(orgId, expectedVersion);
        if (pool == SeatPool.TEAM && !PlanPolicy.offersTeamLicences(s.plan)) {
            throw ProblemException.conflict("team-licences-unavailable-on-plan", s.plan);
        }
        int was = pools.purchased(orgId, pool);
        pools.addPurchased(orgId, pool, quantity);
        touch(s);
        audit.record(seatsChange(orgId, AuditAction.SEATS_PURCHASED, pool, was, was + quantity));
        return toView(s);
    }

    /** Sets the purchased count of {@code pool}; a reduction stops at the number of seats assigned. */
    @Transactional
    public SubscriptionView setPurchased(UUID orgId, SeatPool pool, int purchased, Long expectedVersion) {
        Subscription s = lockForChange(orgId, expectedVersion);
        if (pool == SeatPool.TEAM && purchased > 0 && !PlanPolicy.offersTeamLicences(s.plan)) {
            throw ProblemException.conflict("team-licences-unavailable-on-plan", s.plan);
        }
        int was = pools.purchased(orgId, pool);
        if (!pools.setPurchased(orgId, pool, purchased)) {
            int assigned = pools.findById(new dev.kaigi.licensing.subscription.SeatPoolCounter.Key(orgId, pool)).assigned;
            throw ProblemException.conflict("seats-below-assigned", purchased, assigned);
        }
        touch(s);
        audit.record(seatsChange(orgId, AuditAction.PURCHASED_SEATS_SET, pool, was, purchased)); // nothing when it stays
        return toView(s);
    }

    /**
     * LIC-06: moving to a plan without team-user licences turns them off, and the event names every
     * team user holding a seat, for user-service to deactivate them and give them the copied profile.
     */
    @Transactional
    public SubscriptionView changePlan(UUID orgId, Plan plan, Long expectedVersion) {
        Subscription s = lockForChange(orgId, expectedVersion);
        if (s.plan == plan) {
            return toView(s);
        }
        Plan from = s.plan;
        Map<String, Object> before = licences(s);
        boolean keepsTeamLicences = PlanPolicy.offersTeamLicences(plan);
        List<UUID> affected = keepsTeamLicences || !PlanPolicy.offersTeamLicences(from) ? List.of()
                : assignments.holdersOf(orgId, SeatPool.TEAM);
        s.plan = plan;
        if (!keepsTeamLicences) {
            s.teamLicencesEnabled = false;
        }
        touch(s);
        audit.record(AuditChange.of(orgId, AuditAction.PLAN_CHANGED).changedFields(before, licences(s)));
        outbox.publish(new PlanChanged(orgId, from, plan, keepsTeamLicences, affected));
        return toView(s);
    }

    /** Switches team-user licences on (STANDARD and above, LIC-02) or off (LIC-05: their users are deactivated). */
    @Transactional
    public SubscriptionView setTeamLicences(UUID orgId, boolean enabled, Long expectedVersion) {
        Subscription s = lockForChange(orgId, expectedVersion);
        if (s.teamLicencesEnabled == enabled) {
            return toView(s);
        }
        if (enabled && !PlanPolicy.offersTeamLicences(s.plan)) {
            throw ProblemException.conflict("team-licences-unavailable-on-plan", s.plan);
        }
        Map<String, Object> before = licences(s);
        s.teamLicencesEnabled = enabled;
        touch(s);
        audit.record(AuditChange.of(orgId, AuditAction.TEAM_LICENCES_CHANGED).changedFields(before, licences(s)));
        if (!enabled) {
            outbox.publish(new TeamLicencesDisabled(orgId, assignments.holdersOf(orgId, SeatPool.TEAM)));
        }
        return toView(s);
    }

    /** What the audit trail shows of the plan and its team-user licences. */
    private static Map<String, Object> licences(Subscription s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("plan", s.plan);
        fields.put("teamLicencesEnabled", s.teamLicencesEnabled);
        return fields;
    }

    /** The pool is named on both sides, so a reader sees which licence type the counts are of. */
    private static AuditChange seatsChange(UUID orgId, AuditAction action, SeatPool pool, int was, int becomes) {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("pool", pool);
        before.put("purchased", was);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("purchased", becomes);
        return AuditChange.of(orgId, action).before(before).after(after);
    }

    private Subscription lockForChange(UUID orgId, Long expectedVersion) {
        bootstrap(orgId);
        Subscription s = subscriptions.findForUpdate(orgId).orElseThrow();
        if (expectedVersion != null && expectedVersion != s.version) {
            throw new ProblemException(412, "precondition-failed");
        }
        return s;
    }

    private void touch(Subscription s) {
        s.updatedAt = Instant.now();
        subscriptions.flush(); // bumps the version now, so the response carries the new ETag
    }

    private SubscriptionView toView(Subscription s) {
        List<SubscriptionView.Pool> counts = pools.ofOrganization(s.orgId).stream()
                .map(p -> new SubscriptionView.Pool(p.pool, p.purchased, p.assigned, Math.max(0, p.available())))
                .toList();
        return new SubscriptionView(s.orgId, s.plan, s.teamLicencesEnabled, PlanPolicy.offersTeamLicences(s.plan),
                counts, s.version);
    }
}
