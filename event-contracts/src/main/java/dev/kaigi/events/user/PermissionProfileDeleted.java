package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.user.permission-profile-deleted.v1}: an unused permission profile was deleted (USR-07). */
public record PermissionProfileDeleted(UUID orgId, UUID profileId) implements EventPayload {

    public PermissionProfileDeleted {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(profileId, "profileId");
    }

    @Override
    public String partitionKey() {
        return orgId.toString(); // an organization's settings, in the order they were changed
    }
}
