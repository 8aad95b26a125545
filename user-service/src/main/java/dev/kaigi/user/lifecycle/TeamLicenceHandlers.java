package dev.kaigi.user.lifecycle;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.licensing.PlanChanged;
import dev.kaigi.events.licensing.TeamLicencesDisabled;
import dev.kaigi.events.user.DeactivationReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What user-service does when licensing-service takes team-user licences away (LIC-05, LIC-06):
 * the organization's live team users are deactivated ({@link TeamUserDeactivation}).
 */
public final class TeamLicenceHandlers {

    private TeamLicenceHandlers() {
    }

    /** LIC-05: team-user licences were switched off. */
    @ApplicationScoped
    public static class TeamLicencesDisabledHandler implements EventHandler<TeamLicencesDisabled> {
        @Inject
        TeamUserDeactivation deactivation;

        @Override
        public EventType<TeamLicencesDisabled> eventType() {
            return EventTypes.TEAM_LICENCES_DISABLED;
        }

        @Override
        public void handle(IncomingEvent<TeamLicencesDisabled> event) {
            deactivation.deactivateTeamUsers(event.data().orgId(), DeactivationReason.TEAM_LICENCES_DISABLED, null);
            deactivation.awaitAddsInFlight(event, event.data().teamUserIds());
        }
    }

    /** LIC-06: the new plan has no team-user licences. */
    @ApplicationScoped
    public static class PlanChangedHandler implements EventHandler<PlanChanged> {
        @Inject
        TeamUserDeactivation deactivation;

        @Override
        public EventType<PlanChanged> eventType() {
            return EventTypes.PLAN_CHANGED;
        }

        @Override
        public void handle(IncomingEvent<PlanChanged> event) {
            if (!event.data().teamLicencesAvailable()) {
                deactivation.planWithoutTeamLicences(event.data().orgId());
            }
        }
    }
}
