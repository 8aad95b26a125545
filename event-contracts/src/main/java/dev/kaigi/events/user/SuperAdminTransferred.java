package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.super-admin-transferred.v1}: the super-admin flag moved to another user; the
 * previous super admin stays an OWNER (ORG-03). Keyed by organization because it concerns two users.
 */
public record SuperAdminTransferred(
        UUID orgId,
        UUID fromUserId,
        UUID toUserId) implements EventPayload {

    public SuperAdminTransferred {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(fromUserId, "fromUserId");
        Objects.requireNonNull(toUserId, "toUserId");
    }

    @Override
    public String partitionKey() {
        return orgId.toString();
    }
}
