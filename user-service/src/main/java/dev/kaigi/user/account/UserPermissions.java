package dev.kaigi.user.account;

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
 * Who may do what to the organization's users ({@code /api/v1/users}), each check named once and called first
 * thing in a resource method. A partner integration reads with {@code users:read} and administers with
 * {@code users:write} as an OWNER would; what needs a person (removing, deleting, converting, bulk copies,
 * someone else's email refresh) it may not do (README "For partners").
 */
@ApplicationScoped
public class UserPermissions {

    static final Permission VIEW = UserRoles.everyUser("view-users").orPartnerWith(PartnerScopes.USERS_READ);
    static final Permission VIEW_OWN = UserRoles.everyUser("view-own-user");
    static final Permission MANAGE = Permission.of("manage-users", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS).orPartnerWith(PartnerScopes.USERS_WRITE);
    static final Permission ADMINISTER = Permission.of("administer-users", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS);
    static final Permission REFRESH_EMAIL = Permission.of("refresh-emails", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS);
    static final Permission DELETE = Permission.of("delete-users", Roles.SUPER_ADMIN)
            .inProfileAs(ProfilePermission.MANAGE_USERS);

    @Inject
    CurrentUser currentUser;

    /** Reading the organization's users; returns the organization read. */
    public UUID requireView() {
        return currentUser.require(VIEW).orgId();
    }

    /** Reading oneself (a user's token only); returns who. */
    public Actor requireViewOwn() {
        return currentUser.requireActor(VIEW_OWN);
    }

    /** Adding, (de)activating and re-inviting users (INV-01, INV-03, LIF-01). */
    public Actor requireManage() {
        return currentUser.requireActor(MANAGE);
    }

    /** Editing {@code user}'s profile: anyone their own, whoever may manage users ({@link #MANAGE}) anyone's; which fields, ProfileEditPolicy decides (USR-02). */
    public Actor requireEdit(UUID user) {
        return currentUser.requireActorSelfOr(MANAGE, user);
    }

    /** Refreshing {@code user}'s email from the identity provider: anyone their own, OWNERs anyone's (USR-04). */
    public Actor requireRefreshEmail(UUID user) {
        return currentUser.requireActorSelfOr(REFRESH_EMAIL, user);
    }

    /** Removing and converting users and copying fields between them (LIF-03, LIF-04, BLK-05): an OWNER, never a partner. */
    public Actor requireAdminister() {
        return currentUser.requireActor(ADMINISTER);
    }

    /** Deleting a user for good: the super admin's alone (LIF-02). */
    public Actor requireDelete() {
        return currentUser.requireActor(DELETE);
    }
}
