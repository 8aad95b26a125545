package dev.kaigi.user.permission;

import dev.kaigi.chassis.security.CallerProfiles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a user's permission profile grants (USR-07), read from user-service's own tables, where the profiles
 * live: a change applies to the next request here, and the other services learn it from the events.
 */
@ApplicationScoped
public class OwnCallerProfiles implements CallerProfiles {

    @Inject
    UserRepository users;
    @Inject
    PermissionProfileRepository profiles;

    @Override
    public Optional<Set<ProfilePermission>> permissionsOf(UUID userId, UUID orgId) {
        UserAccount user = users.findById(userId);
        if (user == null || !user.orgId.equals(orgId) || user.permissionProfileId == null) {
            return Optional.empty();
        }
        return profiles.inOrganization(orgId, user.permissionProfileId).map(PermissionProfile::granted);
    }
}
