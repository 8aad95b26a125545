package dev.kaigi.user.team;

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

/** Who may do what to the organization's teams ({@code /api/v1/teams}), each check named once. */
@ApplicationScoped
public class TeamPermissions {

    static final Permission VIEW = UserRoles.everyUser("view-teams").orPartnerWith(PartnerScopes.USERS_READ);
    static final Permission MANAGE = Permission.of("manage-teams", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_TEAMS).orPartnerWith(PartnerScopes.USERS_WRITE);

    @Inject
    CurrentUser currentUser;

    /** Reading the teams: everyone in the organization; returns the organization read. */
    public UUID requireView() {
        return currentUser.require(VIEW).orgId();
    }

    /** Creating, renaming and deleting teams. */
    public Actor requireManage() {
        return currentUser.requireActor(MANAGE);
    }
}
