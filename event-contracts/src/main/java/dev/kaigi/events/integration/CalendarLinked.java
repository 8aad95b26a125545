package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.integration.calendar-linked.v1}: the user linked a calendar, or re-linked another
 * account, which makes them eligible as a host (INT-04, SCH-07).
 */
public record CalendarLinked(
        UUID orgId,
        UUID userId,
        CalendarProvider provider,
        String accountEmail) implements EventPayload {

    public CalendarLinked {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(accountEmail, "accountEmail");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
