package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.scheduling.meeting-cancelled.v1}: a booked meeting was cancelled.
 *
 * @param reason free text given by whoever cancelled, if any
 */
public record MeetingCancelled(
        UUID orgId,
        UUID bookingId,
        UUID hostUserId,
        @Nullable String reason) implements EventPayload {

    public MeetingCancelled {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(hostUserId, "hostUserId");
    }

    @Override
    public String partitionKey() {
        return hostUserId.toString();
    }
}
