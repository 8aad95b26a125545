package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.integration.calendar-busy-times-synced.v1}: the user's calendar was read for a window;
 * the list replaces every busy time known inside that window (INT-04, SCH-07).
 */
public record CalendarBusyTimesSynced(
        UUID orgId,
        UUID userId,
        Instant windowStart,
        Instant windowEnd,
        List<BusyInterval> busy) implements EventPayload {

    public CalendarBusyTimesSynced {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        busy = List.copyOf(Objects.requireNonNull(busy, "busy"));
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
