package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.integration.zoom-unlinked.v1}: the user no longer has a Zoom account linked. */
public record ZoomUnlinked(
        UUID orgId,
        UUID userId) implements EventPayload {

    public ZoomUnlinked {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
