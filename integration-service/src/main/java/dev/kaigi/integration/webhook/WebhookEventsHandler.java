package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.chassis.privacy.ErasedLeads;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.integration.webhook.WebhookMessage.MeetingData;
import dev.kaigi.integration.webhook.WebhookMessage.SeatData;
import dev.kaigi.integration.webhook.WebhookMessage.UserData;
import dev.kaigi.integration.webhook.WebhookMessage.UserDeactivatedData;
import dev.kaigi.integration.webhook.WebhookMessage.UserDeletedData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * HOOK-01, HOOK-02: the events partners subscribe to become deliveries, one per subscription of the event's own
 * organization that asked for its type. The subject (the booking, the user) orders them (HOOK-04); a booking's
 * steps by their SEQUENCE, since a reassignment's events may come from another partition. They are read by a consumer
 * of their own, so a delivery is queued as soon as its event arrives, not behind the Zoom meetings, calendars and
 * mails of the bookings before it; all their work is in this service's database, so a run of them shares a commit.
 */
@ApplicationScoped
public class WebhookEventsHandler implements EventSubscriber {

    @Inject
    WebhookQueue queue;
    @Inject
    ErasedLeads erasedLeads;

    /** The consumer of partner webhooks, in consumer group {@code integration-service-webhooks}. */
    public static final String CONSUMER = "webhooks";

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.MEETING_BOOKED, e -> meeting(e, WebhookEventType.MEETING_BOOKED, new MeetingData(
                e.data().orgId(), e.data().bookingId(), seq(e.data().sequence()), e.data().meetingTypeId(),
                e.data().meetingTypeName(), e.data().hostUserId(), null, e.data().startsAt(), e.data().endsAt(), null,
                e.data().conferencingMethod(), e.data().leadName(), e.data().leadEmail(), e.data().leadCompany(), null))).batchable();
        on.incoming(EventTypes.MEETING_RESCHEDULED, e -> meeting(e, WebhookEventType.MEETING_RESCHEDULED, new MeetingData(
                e.data().orgId(), e.data().bookingId(), e.data().sequence(), e.data().meetingTypeId(),
                e.data().meetingTypeName(), e.data().hostUserId(),
                e.data().hostChanged() ? e.data().previousHostUserId() : null, e.data().startsAt(), e.data().endsAt(),
                e.data().previousStartsAt(), e.data().conferencingMethod(), e.data().leadName(), e.data().leadEmail(),
                e.data().leadCompany(), e.data().reason()))).batchable();
        on.incoming(EventTypes.MEETING_REASSIGNED, e -> meeting(e, WebhookEventType.MEETING_REASSIGNED, new MeetingData(
                e.data().orgId(), e.data().bookingId(), seq(e.data().sequence()), e.data().meetingTypeId(),
                e.data().meetingTypeName(), e.data().toHostUserId(), e.data().fromHostUserId(), e.data().startsAt(),
                e.data().endsAt(), null, e.data().conferencingMethod(), e.data().leadName(), e.data().leadEmail(),
                e.data().leadCompany(), e.data().reason().name()))).batchable();
        on.incoming(EventTypes.MEETING_CANCELLED, e -> meeting(e, WebhookEventType.MEETING_CANCELLED, new MeetingData(
                e.data().orgId(), e.data().bookingId(), seq(e.data().sequence()), e.data().meetingTypeId(),
                e.data().meetingTypeName(), e.data().hostUserId(), null, e.data().startsAt(), e.data().endsAt(), null,
                e.data().conferencingMethod(), e.data().leadName(), e.data().leadEmail(), e.data().leadCompany(),
                e.data().reason()))).batchable();
        on.incoming(EventTypes.USER_INVITED, e -> user(e, WebhookEventType.USER_INVITED, e.data().orgId(), e.data().userId(), new UserData(
                e.data().orgId(), e.data().userId(), e.data().email(), e.data().lastName(), e.data().firstName(),
                e.data().role(), e.data().userType()))).batchable();
        on.incoming(EventTypes.USER_JOINED, e -> user(e, WebhookEventType.USER_JOINED, e.data().orgId(), e.data().userId(), new UserData(
                e.data().orgId(), e.data().userId(), e.data().email(), e.data().lastName(), e.data().firstName(),
                e.data().role(), e.data().userType()))).batchable();
        on.incoming(EventTypes.USER_DEACTIVATED, e -> user(e, WebhookEventType.USER_DEACTIVATED, e.data().orgId(), e.data().userId(),
                new UserDeactivatedData(e.data().orgId(), e.data().userId(), e.data().userType(), e.data().reason())))
                .batchable();
        on.incoming(EventTypes.USER_DELETED, e -> user(e, WebhookEventType.USER_DELETED, e.data().orgId(), e.data().userId(),
                new UserDeletedData(e.data().orgId(), e.data().userId(), e.data().transferToUserId()))).batchable();
        on.incoming(EventTypes.SEAT_ASSIGNED, e -> user(e, WebhookEventType.SEAT_ASSIGNED, e.data().orgId(), e.data().userId(),
                new SeatData(e.data().orgId(), e.data().userId(), e.data().pool(), null))).batchable();
        on.incoming(EventTypes.SEAT_RELEASED, e -> user(e, WebhookEventType.SEAT_RELEASED, e.data().orgId(), e.data().userId(),
                new SeatData(e.data().orgId(), e.data().userId(), e.data().pool(), e.data().reason()))).batchable();
    }

    /**
     * SEC-04: a step about a lead erased since it was written (read again from the topic, or late) names no one, as
     * the meeting's own effects do.
     */
    private void meeting(IncomingEvent<?> event, WebhookEventType type, MeetingData data) {
        boolean erased = !LeadErased.ERASED.equals(data.leadEmail())
                && erasedLeads.erasedSince(data.orgId(), data.leadEmail(), event.time());
        MeetingData sent = erased ? data.withoutLead() : data;
        queue.enqueue(data.orgId(), event.id(), type, data.bookingId(), data.sequence(),
                new WebhookMessage(type.wireName(), event.time(), sent));
    }

    private void user(IncomingEvent<?> event, WebhookEventType type, UUID orgId, UUID userId, Object data) {
        queue.enqueue(orgId, event.id(), type, userId, 0, new WebhookMessage(type.wireName(), event.time(), data));
    }

    /** A booked event without a sequence is the first step; other steps without one come after it. */
    private static int seq(Integer sequence) {
        return sequence == null ? 0 : sequence;
    }
}
