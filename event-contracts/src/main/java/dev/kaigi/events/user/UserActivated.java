package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.user.activated.v1}: a deactivated user is active again (LIF-01). */
public record UserActivated(
        UUID orgId,
        UUID userId,
        UserType userType) implements EventPayload {

    public UserActivated {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userType, "userType");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
