package dev.kaigi.events.licensing;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.licensing.seat-assigned.v1}: a seat of a pool is now held by the user (LIC-03). */
public record SeatAssigned(
        UUID orgId,
        UUID userId,
        SeatPool pool) implements EventPayload {

    public SeatAssigned {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(pool, "pool");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
