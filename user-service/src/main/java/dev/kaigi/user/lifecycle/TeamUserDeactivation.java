package dev.kaigi.user.lifecycle;

import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.invitation.InvitationService;
import dev.kaigi.user.permission.PermissionProfileService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Deactivates an organization's live team users when team-user licences go (LIC-05, LIC-06), announcing
 * each (licensing frees their seats); they can come back only by conversion to a regular user.
 */
@ApplicationScoped
public class TeamUserDeactivation {

    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(30);

    @Inject
    UserRepository users;
    @Inject
    PermissionProfileRepository profiles;
    @Inject
    Outbox outbox;
    @Inject
    PermissionProfileService permissionProfiles;
    @Inject
    InvitationService invitations;

    /**
     * LIC-06: a copy of the team-user permission profile is made under a system-given name, and every
     * live team user is deactivated and given it; with no active team users, no copy is made.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void planWithoutTeamLicences(UUID orgId) {
        PermissionProfile copy = hasActiveTeamUsers(orgId) ? copyTeamProfile(orgId) : null;
        deactivateTeamUsers(orgId, DeactivationReason.PLAN_CHANGED, copy == null ? null : copy.id);
    }

    /** Every live team user is deactivated; an invited one's link stops working too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deactivateTeamUsers(UUID orgId, DeactivationReason reason, UUID newProfileId) {
        for (UserAccount u : liveTeamUsers(orgId)) {
            if (u.status == UserStatus.INVITED) {
                invitations.voidPending(u.id);
            }
            u.status = UserStatus.DEACTIVATED;
            if (newProfileId != null && u.permissionProfileId != null) {
                u.permissionProfileId = newProfileId;
            }
            outbox.publish(new UserDeactivated(orgId, u.id, UserType.TEAM, null, reason));
        }
    }

    /**
     * A team user whose seat licensing counted but whose add has not committed here yet (the
     * add took the seat just before the licences went off) is not among the live users above.
     * For a while after the event such a listed id makes the event wait and come back, so the
     * user is deactivated once the add commits; an add that rolled back never appears and is
     * let go after {@link #IN_FLIGHT_GRACE}.
     */
    public void awaitAddsInFlight(IncomingEvent<?> event, List<UUID> listedTeamUsers) {
        boolean recent = event.time() != null && event.time().isAfter(Instant.now().minus(IN_FLIGHT_GRACE));
        if (recent && listedTeamUsers.stream().anyMatch(id -> users.findByIdOptional(id).isEmpty())) {
            throw new DependencyUnavailableException("a listed team user's add has not committed yet");
        }
    }

    private boolean hasActiveTeamUsers(UUID orgId) {
        return users.count("orgId = ?1 and userType = ?2 and status = ?3", orgId, UserType.TEAM, UserStatus.ACTIVE) > 0;
    }

    private List<UserAccount> liveTeamUsers(UUID orgId) {
        return users.list("orgId = ?1 and userType = ?2 and status in ?3", orgId, UserType.TEAM,
                List.of(UserStatus.ACTIVE, UserStatus.INVITED));
    }

    private PermissionProfile copyTeamProfile(UUID orgId) {
        PermissionProfile original = profiles.ofOrganization(orgId).stream()
                .filter(p -> p.system && p.userType == UserType.TEAM).findFirst().orElseThrow();
        String base = original.name + " (" + LocalDate.now(ZoneOffset.UTC) + ")";
        String name = base;
        for (int n = 2; profiles.count("orgId = ?1 and name = ?2", orgId, name) > 0; n++) {
            name = base + " " + n;
        }
        return permissionProfiles.copyForTeamUsersLeaving(orgId, name);
    }
}
