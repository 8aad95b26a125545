package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.deleted.v1}: the user is deleted for good (LIF-02).
 *
 * @param transferToUserId the active regular user who takes over future meetings, host pools and notification
 *     settings; absent for a deletion without transfer
 * @param byUserId the super admin who deleted the user
 */
public record UserDeleted(
        UUID orgId,
        UUID userId,
        @Nullable UUID transferToUserId,
        UUID byUserId) implements EventPayload {

    public UserDeleted {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(byUserId, "byUserId");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
