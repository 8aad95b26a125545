package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * INT-01, INT-02, INT-04, INT-05, MTG-01, MTG-06: a booking's events (booked, rescheduled, reassigned, cancelled)
 * become its Zoom meeting, calendar event, mails and Slack mentions, each once, in the order of their sequence.
 */
@ApplicationScoped
public class MeetingEventsHandler implements EventSubscriber {

    @Inject
    MeetingSideEffectsService sideEffects;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.MEETING_BOOKED, event -> sideEffects.apply(MeetingChange.of(event.data()), event.time()));
        on.incoming(EventTypes.MEETING_RESCHEDULED, event -> sideEffects.apply(MeetingChange.of(event.data()), event.time()));
        on.incoming(EventTypes.MEETING_REASSIGNED, event -> sideEffects.apply(MeetingChange.of(event.data()), event.time()));
        on.incoming(EventTypes.MEETING_CANCELLED, event -> sideEffects.apply(MeetingChange.of(event.data()), event.time()));
    }
}
