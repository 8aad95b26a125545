package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.removed.v1}: the user was removed from the organization and their seat is
 * to be freed (LIF-03).
 *
 * @param byUserId absent when no person did it (e.g. SCIM)
 */
public record UserRemoved(
        UUID orgId,
        UUID userId,
        @Nullable UUID byUserId) implements EventPayload {

    public UserRemoved {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
