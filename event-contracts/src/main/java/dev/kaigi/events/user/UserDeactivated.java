package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.deactivated.v1}: the user can no longer sign in or host meetings and their
 * seat is to be released; their data is kept (LIF-01).
 *
 * @param byUserId absent when no person did it (licence or plan change, SCIM)
 */
public record UserDeactivated(
        UUID orgId,
        UUID userId,
        UserType userType,
        @Nullable UUID byUserId,
        DeactivationReason reason) implements EventPayload {

    public UserDeactivated {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
