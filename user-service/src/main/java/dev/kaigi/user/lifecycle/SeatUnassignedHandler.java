package dev.kaigi.user.lifecycle;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.licensing.SeatReleased;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.account.UserAccount;
import dev.kaigi.user.account.UserRepository;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.invitation.InvitationRepository;
import dev.kaigi.user.licensing.Seats;
import dev.kaigi.user.organization.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * LIC-03 seen from here: an OWNER took a user's seat back in licensing-service. A user without a
 * seat cannot stay active (LIC-04), so an active or invited user is deactivated, exactly as if the
 * OWNER had deactivated them here. A release that is out of date (the user holds a seat again by
 * the time it is read) changes nothing; the super admin, who can never be deactivated (ORG-04),
 * is given a seat back instead.
 */
@ApplicationScoped
public class SeatUnassignedHandler implements EventHandler<SeatReleased> {

    private static final Logger LOG = Logger.getLogger(SeatUnassignedHandler.class);

    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    InvitationRepository invitations;
    @Inject
    Seats seats;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    @Override
    public EventType<SeatReleased> eventType() {
        return EventTypes.SEAT_RELEASED;
    }

    @Override
    public void handle(IncomingEvent<SeatReleased> event) {
        SeatReleased released = event.data();
        if (released.reason() != SeatReleaseReason.UNASSIGNED_BY_OWNER) {
            return; // every other release follows a change made here
        }
        UserAccount user = users.lockInOrganization(released.orgId(), released.userId()).orElse(null);
        if (user == null || (user.status != UserStatus.ACTIVE && user.status != UserStatus.INVITED)
                || seats.holdsSeat(user.orgId, user.id)) {
            return;
        }
        if (user.id.equals(organizations.findById(user.orgId).superAdminUserId)) {
            LOG.warnf("the super admin of %s lost their seat in licensing; taking it back (ORG-04)", user.orgId);
            seats.take(user.orgId, user.id, SeatPool.valueOf(user.userType.name()));
            return;
        }
        UserStatus was = user.status;
        if (was == UserStatus.INVITED) {
            invitations.voidPending(user.id);
        }
        user.status = UserStatus.DEACTIVATED;
        audit.record(user.orgId, null, AuditLog.Action.USER_DEACTIVATED, user.id, Map.of("status", was),
                Map.of("status", user.status, "reason", "seat-unassigned-by-owner"));
        outbox.publish(new UserDeactivated(user.orgId, user.id, user.userType, null, DeactivationReason.ADMIN));
    }
}
