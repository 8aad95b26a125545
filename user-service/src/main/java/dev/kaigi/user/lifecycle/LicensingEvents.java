package dev.kaigi.user.lifecycle;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.user.DeactivationReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a user's standing owes to licensing-service's events: an OWNER took a seat back (LIC-03), or
 * team-user licences went away (LIC-05, LIC-06), and the users concerned are deactivated.
 */
@ApplicationScoped
class LicensingEvents implements EventSubscriber {

    @Inject
    LifecycleService lifecycle;
    @Inject
    TeamUserDeactivation deactivation;

    @Override
    public void subscribe(EventSubscriptions on) {
        // LIC-03: every other release follows a change made here
        on.event(EventTypes.SEAT_RELEASED, e -> {
            if (e.reason() == SeatReleaseReason.UNASSIGNED_BY_OWNER) {
                lifecycle.seatUnassigned(e.orgId(), e.userId());
            }
        });
        // LIC-05: team-user licences were switched off; a listed user whose add has not committed yet is waited for
        on.incoming(EventTypes.TEAM_LICENCES_DISABLED, event -> {
            deactivation.deactivateTeamUsers(event.data().orgId(), DeactivationReason.TEAM_LICENCES_DISABLED, null);
            deactivation.awaitAddsInFlight(event, event.data().teamUserIds());
        });
        // LIC-06: the new plan has no team-user licences
        on.event(EventTypes.PLAN_CHANGED, e -> {
            if (!e.teamLicencesAvailable()) {
                deactivation.planWithoutTeamLicences(e.orgId());
            }
        });
    }
}
