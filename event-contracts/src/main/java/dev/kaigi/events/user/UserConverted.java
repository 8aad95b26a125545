package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.converted.v1}: the user changed licence type, which today means team user
 * to regular user with a new permission profile (LIF-04).
 */
public record UserConverted(
        UUID orgId,
        UUID userId,
        UserType fromType,
        UserType toType,
        UUID permissionProfileId) implements EventPayload {

    public UserConverted {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fromType, "fromType");
        Objects.requireNonNull(toType, "toType");
        Objects.requireNonNull(permissionProfileId, "permissionProfileId");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
