package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.chassis.privacy.ErasedLeads;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * INT-01, INT-02, INT-04, INT-05, MTG-01, MTG-06: a booking's events (booked, rescheduled, reassigned, cancelled)
 * become its Zoom meeting, calendar event, mails and Slack mentions, each once, in the order of their sequence.
 */
@ApplicationScoped
public class MeetingEventsHandler implements EventSubscriber {

    @Inject
    MeetingSideEffectsService sideEffects;
    @Inject
    ErasedLeads erasedLeads;
    @Inject
    BookingSequences sequences;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.MEETING_BOOKED, event -> apply(MeetingChange.of(event.data()), event.time()));
        on.incoming(EventTypes.MEETING_RESCHEDULED, event -> apply(MeetingChange.of(event.data()), event.time()));
        on.incoming(EventTypes.MEETING_REASSIGNED, event -> apply(MeetingChange.of(event.data()), event.time()));
        on.incoming(EventTypes.MEETING_CANCELLED, event -> apply(MeetingChange.of(event.data()), event.time()));
    }

    /**
     * SEC-04: an event about a booking made before its lead was erased is applied as if it named no one, so the person
     * does not come back: one read again from the topic, a late one, or one scheduling-service wrote before it read
     * the erasure. The booking was made when this service first heard of it, or, unknown yet, when the event was
     * written. A booking made after the erasure is the lead's new consent.
     */
    private void apply(MeetingChange change, Instant written) {
        boolean erased = !change.leadErased() && erasedLeads.erasedSince(change.orgId(), change.leadEmail(),
                sequences.bookedAt(change.bookingId()).orElse(written));
        sideEffects.apply(erased ? change.erased() : change, written);
    }
}
