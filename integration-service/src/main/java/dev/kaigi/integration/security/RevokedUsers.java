package dev.kaigi.integration.security;

import dev.kaigi.chassis.security.RevokedCallers;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;

/**
 * LIF-01 here: a caller whom user-service's events showed to be deactivated, deleted or removed is refused
 * at once, though their token has not expired yet; so is one known here in another organization.
 */
@ApplicationScoped
public class RevokedUsers implements RevokedCallers {

    @Inject
    UserDirectory users;

    @Override
    public boolean revoked(UUID userId, UUID orgId) {
        Optional<UserProfile> user = users.find(userId);
        return user.isPresent() && (!user.get().orgId.equals(orgId) || user.get().isGone());
    }
}
