package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.integration.calendar-unlinked.v1}: the user no longer has a calendar connected. */
public record CalendarUnlinked(
        UUID orgId,
        UUID userId,
        CalendarProvider provider) implements EventPayload {

    public CalendarUnlinked {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
