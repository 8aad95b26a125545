package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** INT-01, INT-02, INT-04, INT-05: a booked meeting's Zoom meeting, calendar event, mails and Slack mention, each once. */
@ApplicationScoped
public class MeetingBookedHandler implements EventSubscriber {

    @Inject
    MeetingSideEffectsService sideEffects;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.MEETING_BOOKED, event -> sideEffects.meetingBooked(event.data(), event.time()));
    }
}
