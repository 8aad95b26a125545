package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.scheduling.meeting-reassigned.v1}: a booked meeting moved to another host. */
public record MeetingReassigned(
        UUID orgId,
        UUID bookingId,
        UUID fromHostUserId,
        UUID toHostUserId,
        Instant startsAt,
        Instant endsAt,
        ReassignmentReason reason) implements EventPayload {

    public MeetingReassigned {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(fromHostUserId, "fromHostUserId");
        Objects.requireNonNull(toHostUserId, "toHostUserId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(reason, "reason");
    }

    /** The new host's id: the meeting now belongs to their stream of events. */
    @Override
    public String partitionKey() {
        return toHostUserId.toString();
    }
}
