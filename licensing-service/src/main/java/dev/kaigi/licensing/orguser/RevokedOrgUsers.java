package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.security.RevokedCallers;
import dev.kaigi.events.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;

/**
 * LIF-01 here: a user this service knows (from user-service's events) to be deactivated or deleted
 * in the token's organization is refused, even with a token that has not expired yet.
 */
@ApplicationScoped
public class RevokedOrgUsers implements RevokedCallers {

    private static final Set<UserStatus> REVOKED = Set.of(UserStatus.DEACTIVATED, UserStatus.DELETED);

    @Inject
    OrgUserRepository users;

    @Override
    public boolean revoked(UUID userId, UUID orgId) {
        return users.inOrganization(orgId, userId).map(u -> REVOKED.contains(u.status)).orElse(false);
    }
}
