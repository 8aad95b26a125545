package dev.kaigi.user.lifecycle;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.licensing.SeatReleased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * LIC-03 seen from here: an OWNER took a user's seat back in licensing-service, and the user loses their
 * standing with it ({@link LifecycleService#seatUnassigned}).
 */
@ApplicationScoped
public class SeatUnassignedHandler implements EventHandler<SeatReleased> {

    @Inject
    LifecycleService lifecycle;

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
        lifecycle.seatUnassigned(released.orgId(), released.userId());
    }
}
