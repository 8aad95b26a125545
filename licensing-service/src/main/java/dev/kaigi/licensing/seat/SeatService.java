package dev.kaigi.licensing.seat;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.SeatAssigned;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.licensing.SeatReleased;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.licensing.audit.AuditAction;
import dev.kaigi.licensing.orguser.OrgUser;
import dev.kaigi.licensing.orguser.OrgUserRepository;
import dev.kaigi.licensing.subscription.PlanPolicy;
import dev.kaigi.licensing.subscription.Subscription;
import dev.kaigi.licensing.subscription.SeatPoolRepository;
import dev.kaigi.licensing.subscription.SubscriptionRepository;
import dev.kaigi.licensing.subscription.SubscriptionService;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a seat (LIC-03, LIC-04, LIF-03, LIF-04). A seat is taken by inserting the assignment
 * (unique per user) and then taking a counter with a guarded update; when the pool is full the
 * transaction rolls back, so nothing half-done remains.
 */
@ApplicationScoped
class SeatService {

    @Inject
    SeatAssignmentRepository assignments;
    @Inject
    SeatPoolRepository pools;
    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    SubscriptionService subscriptionService;
    @Inject
    OrgUserRepository users;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;

    /**
     * An owner gives {@code userId} a seat of {@code pool}. The user must belong to the owner's
     * organization (404 otherwise, ORG-01), be invited or active, have that licence type, and hold
     * no seat yet.
     */
    @Transactional
    public SeatAssignmentResponse assignByOwner(UUID orgId, UUID userId, SeatPool pool, UUID ownerId) {
        subscriptionService.bootstrap(orgId);
        OrgUser user = users.inOrganization(orgId, userId)
                .orElseThrow(() -> ProblemException.notFound("user"));
        if (user.status != UserStatus.INVITED && user.status != UserStatus.ACTIVE) {
            throw ProblemException.conflict("user-not-active", user.status);
        }
        if (!pool.name().equals(user.userType.name())) {
            throw ProblemException.conflict("seat-type-mismatch", user.userType, pool);
        }
        if (assignments.ofUser(orgId, userId).isPresent()) {
            throw ProblemException.conflict("seat-already-assigned");
        }
        return SeatAssignmentResponse.of(take(orgId, userId, pool, ownerId, true));
    }

    /**
     * user-service takes a seat when it adds, activates or converts a user (LIC-04). Idempotent on
     * the user: a retry returns the seat already held. A user holding the other licence type moves
     * to this one (team → regular conversion, LIF-04) in the same transaction.
     */
    @Transactional
    public SeatAssignmentResponse takeForUser(UUID orgId, UUID userId, SeatPool pool) {
        subscriptionService.bootstrap(orgId);
        users.upsertIfAbsent(orgId, userId, UserType.valueOf(pool.name()), UserStatus.INVITED);
        Optional<SeatAssignment> held = assignments.ofUser(orgId, userId);
        if (held.isPresent() && held.get().pool == pool) {
            held.get().confirmedAt = Instant.now(); // a release announced before now no longer applies
            return SeatAssignmentResponse.of(held.get());
        }
        held.ifPresent(old -> release(old, SeatReleaseReason.CONVERTED));
        return SeatAssignmentResponse.of(take(orgId, userId, pool, null, false)); // follows a change user-service records itself
    }

    /** The seat {@code userId} holds, if any. */
    @Transactional
    public Optional<SeatAssignmentResponse> heldBy(UUID orgId, UUID userId) {
        return assignments.ofUser(orgId, userId).map(SeatAssignmentResponse::of);
    }

    /**
     * user-service announced at {@code announcedAt} that the user left ({@code status}): recorded
     * here, and their seat, if they hold one, freed (LIF-01, LIF-02, LIF-03, INV-02).
     */
    @Transactional
    public void userLeft(UUID orgId, UUID userId, UserStatus status, SeatReleaseReason reason, Instant announcedAt) {
        users.setStatus(orgId, userId, status);
        releaseForUser(orgId, userId, reason, announcedAt);
    }

    /** Frees {@code userId}'s seat, if they hold one; returns whether there was one. Idempotent. */
    @Transactional
    public boolean releaseForUser(UUID orgId, UUID userId, SeatReleaseReason reason) {
        return releaseForUser(orgId, userId, reason, null);
    }

    /**
     * Frees the seat for an event that happened at {@code announcedAt}, unless user-service asked
     * for the seat after that (deactivate, then activate before this service read the deactivation).
     */
    @Transactional
    public boolean releaseForUser(UUID orgId, UUID userId, SeatReleaseReason reason, Instant announcedAt) {
        Optional<SeatAssignment> held = assignments.ofUser(orgId, userId)
                .filter(a -> announcedAt == null || a.confirmedAt == null || !a.confirmedAt.isAfter(announcedAt));
        held.ifPresent(a -> release(a, reason));
        return held.isPresent();
    }

    /** An owner takes a seat back (LIF-03); 404 for an assignment of another organization. */
    @Transactional
    public void unassignByOwner(UUID orgId, UUID assignmentId) {
        SeatAssignment a = assignments.inOrganization(orgId, assignmentId)
                .orElseThrow(() -> ProblemException.notFound("seat assignment"));
        audit.record(AuditChange.of(orgId, AuditAction.SEAT_UNASSIGNED).targetUser(a.userId).target(a.id)
                .before(Map.of("pool", a.pool)));
        release(a, SeatReleaseReason.UNASSIGNED_BY_OWNER);
    }

    @Transactional
    public SeatAssignmentResponse get(UUID orgId, UUID assignmentId) {
        return assignments.inOrganization(orgId, assignmentId).map(SeatAssignmentResponse::of)
                .orElseThrow(() -> ProblemException.notFound("seat assignment"));
    }

    @Transactional
    public Page<SeatAssignmentResponse> list(UUID orgId, SeatPool pool, UUID userId, PageRequest page) {
        PanacheQuery<SeatAssignment> query = assignments.search(orgId, pool, userId);
        return Page.of(query.page(page.page(), page.size()).list(), page, query.count()).map(SeatAssignmentResponse::of);
    }

    /** @param administrative an OWNER's decision, recorded in the audit trail (SEC-02) */
    private SeatAssignment take(UUID orgId, UUID userId, SeatPool pool, UUID assignedBy, boolean administrative) {
        if (pool == SeatPool.TEAM) {
            requireTeamLicences(orgId);
        }
        SeatAssignment a = assignments.newAssignment(orgId, userId, pool, assignedBy);
        if (!assignments.insertIfUserHasNone(a)) {
            // a concurrent request for the same user won: same pool is the same outcome
            SeatAssignment winner = assignments.ofUser(orgId, userId).orElseThrow();
            if (winner.pool == pool) {
                return winner;
            }
            throw ProblemException.conflict("seat-already-assigned");
        }
        // The event and the audit event go in first and the counter last: the counter row is every
        // concurrent take's bottleneck, so its lock is held only for the update and the commit. A
        // full pool throws and rolls back the assignment and the events with it.
        outbox.publish(new SeatAssigned(orgId, userId, pool));
        if (administrative) {
            audit.record(AuditChange.of(orgId, AuditAction.SEAT_ASSIGNED).targetUser(userId).target(a.id)
                    .after(Map.of("pool", pool)));
        }
        if (!pools.takeSeat(orgId, pool)) {
            throw ProblemException.conflict("seat-unavailable", pool);
        }
        return a;
    }

    /**
     * LIC-02 and LIC-05 for a team seat. The shared lock on the subscription holds off a concurrent
     * disable until this seat is committed, so the disable event names this user too.
     */
    void requireTeamLicences(UUID orgId) {
        Subscription s = subscriptions.findForShare(orgId).orElseThrow();
        if (!PlanPolicy.offersTeamLicences(s.plan)) {
            throw ProblemException.conflict("team-licences-unavailable-on-plan", s.plan);
        }
        if (!s.teamLicencesEnabled) {
            throw ProblemException.conflict("team-licences-disabled");
        }
    }

    private void release(SeatAssignment a, SeatReleaseReason reason) {
        assignments.delete(a);
        assignments.flush();
        pools.releaseSeat(a.orgId, a.pool);
        outbox.publish(new SeatReleased(a.orgId, a.userId, a.pool, reason));
    }
}
