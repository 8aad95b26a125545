package dev.kaigi.user.lifecycle;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.Organization;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.directory.UserView;
import dev.kaigi.user.invitation.InvitationService;
import dev.kaigi.user.licensing.Seats;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.UUID;

/**
 * A user's life after joining (LIF-01…LIF-04, ORG-04). Every operation locks the organization row
 * first, so it cannot interleave with a super-admin transfer: the super admin is never the one
 * deactivated, deleted or removed.
 */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    InvitationService invitations;
    @Inject
    PermissionProfileRepository profiles;
    @Inject
    Seats seats;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    /** LIF-01: no sign-in, no hosting, seat released (by licensing-service, on the event). */
    @Transactional
    public UserView deactivate(Actor owner, UUID id, DeactivationReason reason) {
        UserAccount user = target(owner.orgId(), id, true);
        requireStatus(user, UserStatus.ACTIVE);
        user.status = UserStatus.DEACTIVATED;
        audit.record(user.orgId, owner.userId(), AuditLog.Action.USER_DEACTIVATED, user.id, status(UserStatus.ACTIVE), status(user.status));
        outbox.publish(new UserDeactivated(user.orgId, user.id, user.userType, owner.userId(), reason));
        return flushed(user);
    }

    /** LIF-01: back to ACTIVE; needs a free seat of the user's type (LIC-04). */
    @Transactional
    public UserView activate(Actor owner, UUID id) {
        UserAccount user = target(owner.orgId(), id, false);
        requireStatus(user, UserStatus.DEACTIVATED);
        seats.take(user.orgId, user.id, SeatPool.valueOf(user.userType.name()));
        user.status = UserStatus.ACTIVE;
        audit.record(user.orgId, owner.userId(), AuditLog.Action.USER_ACTIVATED, user.id, status(UserStatus.DEACTIVATED), status(user.status));
        outbox.publish(new UserActivated(user.orgId, user.id, user.userType));
        return flushed(user);
    }

    /**
     * LIF-02, LIF-05: the super admin deletes a user for good, naming for each category of what they
     * leave (future meetings, host-pool places, Salesforce ownership, notification subscriptions)
     * another active regular user to take it over, or nobody. The event carries the heirs; the
     * services that keep each category move it.
     *
     * @param field the request field an invalid heir is reported under, per category
     */
    @Transactional
    public void delete(Actor superAdmin, UUID id, DeletionTransfers heirs, Function<TransferCategory, String> field) {
        UserAccount user = target(superAdmin.orgId(), id, true);
        requireValidHeirs(user, heirs, field);
        UserStatus was = user.status;
        markDeleted(user);
        UUID soleHeir = soleHeir(heirs);
        audit.record(user.orgId, superAdmin.userId(), AuditLog.Action.USER_DELETED, user.id, status(was),
                Map.of("status", user.status, "heirs", heirs));
        outbox.publish(new UserDeleted(user.orgId, user.id, soleHeir, superAdmin.userId(), heirs));
    }

    /** What {@link #delete} would refuse, refused without deleting: the checks before a preview (LIF-05). */
    @Transactional
    public void checkDeletion(Actor superAdmin, UUID id, DeletionTransfers heirs, Function<TransferCategory, String> field) {
        requireValidHeirs(target(superAdmin.orgId(), id, true), heirs, field);
    }

    /** Every heir named is another active regular user of the organization. */
    private void requireValidHeirs(UserAccount user, DeletionTransfers heirs, Function<TransferCategory, String> field) {
        List<FieldViolation> invalid = new ArrayList<>();
        for (TransferCategory category : TransferCategory.values()) {
            UUID heir = heirs.heirOf(category);
            boolean valid = heir == null || users.inOrganization(user.orgId, heir)
                    .filter(u -> u.status == UserStatus.ACTIVE && u.userType == UserType.REGULAR && !u.id.equals(user.id))
                    .isPresent();
            if (!valid) {
                invalid.add(new FieldViolation(field.apply(category), "transfer-target-invalid", null));
            }
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(409, "transfer-target-invalid", invalid.stream().distinct().toList());
        }
    }

    /** The heir of every category when one user takes everything, else null (the event's {@code transferToUserId}). */
    private static UUID soleHeir(DeletionTransfers heirs) {
        Set<UUID> named = new HashSet<>();
        for (TransferCategory category : TransferCategory.values()) {
            named.add(heirs.heirOf(category));
        }
        return named.size() == 1 ? named.iterator().next() : null;
    }

    /** LIF-03: removed from the organization; the seat is freed. */
    @Transactional
    public void remove(Actor owner, UUID id) {
        UserAccount user = target(owner.orgId(), id, true);
        UserStatus was = user.status;
        markDeleted(user);
        audit.record(user.orgId, owner.userId(), AuditLog.Action.USER_REMOVED, user.id, status(was), status(user.status));
        outbox.publish(new UserRemoved(user.orgId, user.id, owner.userId()));
    }

    /** LIF-04: a team user becomes a regular user with a regular seat and a regular permission profile; never the reverse. */
    @Transactional
    public UserView convertToRegular(Actor owner, UUID id, UUID permissionProfileId) {
        UserAccount user = target(owner.orgId(), id, false);
        if (user.userType != UserType.TEAM) {
            throw ProblemException.conflict("not-a-team-user");
        }
        PermissionProfile profile = profiles.requireFor(user.orgId, permissionProfileId, UserType.REGULAR);
        boolean wasDeactivated = user.status == UserStatus.DEACTIVATED;
        if (wasDeactivated) {
            seats.take(user.orgId, user.id, SeatPool.REGULAR); // LIC-05: the way back for deactivated team users
            user.status = UserStatus.ACTIVE;
        } else {
            seats.move(user.orgId, user.id, SeatPool.TEAM, SeatPool.REGULAR);
        }
        audit.record(user.orgId, owner.userId(), AuditLog.Action.USER_CONVERTED, user.id,
                Map.of("userType", UserType.TEAM, "permissionProfileId", user.permissionProfileId),
                Map.of("userType", UserType.REGULAR, "permissionProfileId", profile.id));
        user.userType = UserType.REGULAR;
        user.permissionProfileId = profile.id;
        outbox.publish(new UserConverted(user.orgId, user.id, UserType.TEAM, UserType.REGULAR, profile.id));
        if (wasDeactivated) {
            outbox.publish(new UserActivated(user.orgId, user.id, UserType.REGULAR)); // EVT-01: other services see it active again
        }
        return flushed(user);
    }

    /**
     * LIC-03 seen from here: an OWNER took a user's seat back in licensing-service. A user without a
     * seat cannot stay active (LIC-04), so an active or invited user is deactivated, exactly as if the
     * OWNER had deactivated them here. A release that is out of date (the user holds a seat again by
     * the time it is read) changes nothing; the super admin, who can never be deactivated (ORG-04),
     * is given a seat back instead.
     */
    @Transactional
    public void seatUnassigned(UUID orgId, UUID userId) {
        UserAccount user = users.lockInOrganization(orgId, userId).orElse(null);
        if (user == null || (user.status != UserStatus.ACTIVE && user.status != UserStatus.INVITED)
                || seats.holdsSeat(user.orgId, user.id)) {
            return;
        }
        if (user.id.equals(organizations.superAdminOf(user.orgId))) {
            LOG.warnf("the super admin of %s lost their seat in licensing; taking it back (ORG-04)", user.orgId);
            seats.take(user.orgId, user.id, SeatPool.valueOf(user.userType.name()));
            return;
        }
        UserStatus was = user.status;
        if (was == UserStatus.INVITED) {
            invitations.voidPending(user.id);
        }
        user.status = UserStatus.DEACTIVATED;
        audit.record(user.orgId, null, AuditLog.Action.USER_DEACTIVATED, user.id, status(was),
                Map.of("status", user.status, "reason", "seat-unassigned-by-owner"));
        outbox.publish(new UserDeactivated(user.orgId, user.id, user.userType, null, DeactivationReason.ADMIN));
    }

    /** The user, in the caller's organization and not deleted; with {@code notSuperAdmin}, refused for the super admin (ORG-04). */
    private UserAccount target(UUID orgId, UUID id, boolean notSuperAdmin) {
        Organization org = organizations.lock(orgId);
        UserAccount user = users.liveInOrganization(orgId, id);
        if (notSuperAdmin && user.id.equals(org.superAdminUserId)) {
            throw ProblemException.conflict("super-admin-transfer-required");
        }
        return user;
    }

    private void markDeleted(UserAccount user) {
        user.status = UserStatus.DELETED;
        user.deletedAt = Instant.now();
        invitations.voidPending(user.id);
    }

    private static Map<String, Object> status(UserStatus status) {
        return Map.of("status", status);
    }

    private static void requireStatus(UserAccount user, UserStatus wanted) {
        if (user.status != wanted) {
            throw ProblemException.conflict("invalid-status", user.status);
        }
    }

    private UserView flushed(UserAccount user) {
        users.flush();
        return UserView.of(user, organizations.superAdminOf(user.orgId));
    }
}
