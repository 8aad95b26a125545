package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.scheduling.MeetingBooked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** INT-01, INT-02, INT-04, INT-05: a booked meeting's Zoom meeting, calendar event, mails and Slack mention, each once. */
@ApplicationScoped
public class MeetingBookedHandler implements EventHandler<MeetingBooked> {

    @Inject
    MeetingSideEffectsService sideEffects;

    @Override
    public EventType<MeetingBooked> eventType() {
        return EventTypes.MEETING_BOOKED;
    }

    @Override
    public void handle(IncomingEvent<MeetingBooked> event) {
        sideEffects.meetingBooked(event.data(), event.time());
    }
}
