package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.security.RevokedCallers;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.licensing.orguser.StoredStanding.Standing;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;

/**
 * LIF-01 here: a user this service knows (from user-service's events) to be deactivated or deleted
 * in the token's organization is refused, even with a token that has not expired yet. The standing
 * is the one {@link StoredRoleAugmentor} read for this request (the same user and organization,
 * from the same token), so the row is read once; read here only if the augmentor did not.
 */
@ApplicationScoped
public class RevokedOrgUsers implements RevokedCallers {

    private static final Set<UserStatus> REVOKED = Set.of(UserStatus.DEACTIVATED, UserStatus.DELETED);

    @Inject
    SecurityIdentity identity;
    @Inject
    StoredStanding standings;

    @Override
    public boolean revoked(UUID userId, UUID orgId) {
        Standing standing = identity.getAttribute(StoredRoleAugmentor.STANDING);
        if (standing == null) {
            standing = standings.read(orgId, userId).orElse(StoredRoleAugmentor.UNKNOWN);
        }
        return standing.status() != null && REVOKED.contains(standing.status());
    }
}
