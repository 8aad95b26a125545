package dev.kaigi.user.security;

import dev.kaigi.chassis.security.RevokedCallers;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.account.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * LIF-01 on every endpoint, as in the other services: a user token whose user this service knows as
 * deactivated or deleted (removed users leave the organization) or as a member of another organization than the
 * token says is refused (401) before any resource runs. Resources that read {@link CurrentUser} did so
 * already; this covers the rest ({@code /api/v1/caller}, sign-up, the invitation links called with a
 * token). A user not known here passes; {@link CurrentUser} refuses them where a user is needed.
 */
@ApplicationScoped
public class RevokedUsers implements RevokedCallers {

    /** An INVITED user may hold a token while accepting; only these are refused. */
    private static final Set<UserStatus> GONE = EnumSet.of(UserStatus.DEACTIVATED, UserStatus.DELETED);

    @Inject
    UserRepository users;

    @Override
    public boolean revoked(UUID userId, UUID orgId) {
        return users.findByIdOptional(userId).filter(u -> !u.orgId.equals(orgId) || GONE.contains(u.status)).isPresent();
    }
}
