package dev.kaigi.user.permission;

import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.security.CurrentUser;
import dev.kaigi.user.security.UserRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may do what with permission profiles (USR-07): everyone in the organization reads them, and so does a
 * partner with {@code users:read}; OWNERs whose profile holds manage-users create, copy, change and delete them,
 * since whoever assigns profiles to users could give themselves any profile anyway. A profile without it can
 * therefore not widen itself; the super admin, whom no profile narrows, can always mend one.
 */
@ApplicationScoped
public class PermissionProfilePermissions {

    static final Permission VIEW = UserRoles.everyUser("view-permission-profiles").orPartnerWith(PartnerScopes.USERS_READ);
    static final Permission MANAGE = Permission.of("manage-permission-profiles", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS);

    @Inject
    CurrentUser currentUser;

    /** Reading the profiles; returns the organization read. */
    public UUID requireView() {
        return currentUser.require(VIEW).orgId();
    }

    public Actor requireManage() {
        return currentUser.requireActor(MANAGE);
    }
}
