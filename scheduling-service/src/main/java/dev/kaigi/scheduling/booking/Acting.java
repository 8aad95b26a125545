package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.events.scheduling.MeetingActor;

import java.util.UUID;

/**
 * Who is changing a booking, as its events name them (MTG-03, MTG-06): a signed-in user (its host,
 * or an administrator when it is someone else's meeting), a partner, the lead through the manage
 * link, or Kaigi itself.
 */
public record Acting(UUID userId, MeetingActor kind) {

    public static final Acting LEAD = new Acting(null, MeetingActor.LEAD);
    public static final Acting SYSTEM = new Acting(null, MeetingActor.SYSTEM);

    /** The caller of a signed-in request. */
    public static Acting of(Caller c) {
        return c.isPartner() ? new Acting(null, MeetingActor.PARTNER) : new Acting(c.userId(), MeetingActor.ADMIN);
    }

    /** As an event names them, acting on {@code b}: a user changing their own meeting is its host. */
    MeetingActor on(Booking b) {
        return kind == MeetingActor.ADMIN && b.hostUserId.equals(userId) ? MeetingActor.HOST : kind;
    }
}
