package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.integration.zoom-linked.v1}: the user linked a Zoom account, so can host ZOOM meetings
 * (INT-01, SCH-07).
 */
public record ZoomLinked(
        UUID orgId,
        UUID userId,
        String zoomAccountId) implements EventPayload {

    public ZoomLinked {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(zoomAccountId, "zoomAccountId");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
