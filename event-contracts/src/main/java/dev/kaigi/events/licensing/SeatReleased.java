package dev.kaigi.events.licensing;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.licensing.seat-released.v1}: the user no longer holds a seat of the pool. */
public record SeatReleased(
        UUID orgId,
        UUID userId,
        SeatPool pool,
        SeatReleaseReason reason) implements EventPayload {

    public SeatReleased {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
