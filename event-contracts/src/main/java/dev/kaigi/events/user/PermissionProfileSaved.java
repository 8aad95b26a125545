package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.permission-profile-saved.v1}: a permission profile was created or changed
 * (USR-07). Carries the whole profile, so the services that enforce it keep a copy from this event alone;
 * a user's profile is the {@code permissionProfileId} of their user events.
 */
public record PermissionProfileSaved(
        UUID orgId,
        UUID profileId,
        String name,
        UserType userType,
        List<ProfilePermission> permissions) implements EventPayload {

    public PermissionProfileSaved {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userType, "userType");
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
    }

    @Override
    public String partitionKey() {
        return orgId.toString(); // an organization's settings, in the order they were changed
    }
}
