package dev.kaigi.integration.connection;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.integration.user.UserAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may do what with a user's own provider connections (Zoom, calendars): each of their resource
 * methods' first line is one of these checks.
 */
@ApplicationScoped
public class ConnectionPermissions {

    /** Link, re-link or unlink: only the user themself, since the account is theirs (INT-01, INT-04). */
    static final Permission LINK = Permission.of("link-connections");
    /** See which account a user linked: the user themself, or an OWNER. */
    static final Permission VIEW = Permission.of("view-connections", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS);

    @Inject
    UserAccess users;

    public Caller requireLink(UUID userId) {
        return users.requireSelfOr(LINK, userId);
    }

    public Caller requireView(UUID userId) {
        return users.requireSelfOr(VIEW, userId);
    }
}
