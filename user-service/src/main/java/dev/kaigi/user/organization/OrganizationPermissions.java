package dev.kaigi.user.organization;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.security.CurrentUser;
import dev.kaigi.user.security.UserRoles;
import dev.kaigi.user.security.VerifiedEmail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Who may do what to the organization ({@code /api/v1/organization} and sign-up),
 * each check named once and called first thing in a resource method. The owners' own decisions (the SCIM
 * client's powers, the super admin) are never a partner integration's.
 */
@ApplicationScoped
public class OrganizationPermissions {

    static final Permission VIEW = UserRoles.everyUser("view-organization").orPartnerWith(PartnerScopes.USERS_READ);
    static final Permission MANAGE_SETTINGS = Permission.of("manage-organization-settings", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS);
    static final Permission TRANSFER_SUPER_ADMIN = Permission.of("transfer-super-admin", Roles.SUPER_ADMIN);

    @Inject
    CurrentUser currentUser;
    @Inject
    CurrentCaller caller;
    @Inject
    JsonWebToken token;

    /** Reading the organization; returns the organization read. */
    public UUID requireView() {
        return currentUser.require(VIEW).orgId();
    }

    /** Deciding what the organization's SCIM client may do to users: an OWNER who may manage users. */
    public Actor requireManageSettings() {
        return currentUser.requireActor(MANAGE_SETTINGS);
    }

    /** Handing the super-admin flag on (ORG-03): the super admin. */
    public Actor requireTransferSuperAdmin() {
        return currentUser.requireActor(TRANSFER_SUPER_ADMIN);
    }

    /**
     * Signing up: a signed-in identity with no organization yet (409 otherwise) and an email the identity
     * provider verified (403 otherwise), which is returned. No organization grants this, so no
     * {@link Permission} does: the address becomes the super admin's and is unique across organizations
     * (ORG-05), so only a verified one may claim it.
     */
    public String requireSignUp() {
        if (caller.get().organization().isPresent()) {
            throw ProblemException.conflict("already-in-organization");
        }
        return VerifiedEmail.of(token);
    }
}
