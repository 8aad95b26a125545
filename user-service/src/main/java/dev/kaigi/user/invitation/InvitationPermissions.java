package dev.kaigi.user.invitation;

import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.security.CurrentUser;
import dev.kaigi.user.security.UserRoles;
import dev.kaigi.user.security.VerifiedEmail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may see and answer invitations in the product (INV-06): a signed-in person, for the invitations sent to
 * their own address. A Kaigi user's address is the one this service holds for them; an identity not in any
 * organization yet has the address its identity provider verified. Partner and service clients have no address
 * and are refused. (The mail's link needs no sign-in: its one-time token is the credential, INV-02.)
 */
@ApplicationScoped
public class InvitationPermissions {

    static final Permission VIEW_OWN = UserRoles.everyUser("view-own-invitations");

    @Inject
    CurrentCaller caller;
    @Inject
    CurrentUser currentUser;
    @Inject
    JsonWebToken token;
    @Inject
    UserRepository users;

    /** The signed-in person's address; 403 for a caller without one. */
    public String requireInvitee() {
        if (caller.get().organization().isPresent()) {
            return users.findById(currentUser.requireActor(VIEW_OWN).userId()).email;
        }
        return VerifiedEmail.of(token);
    }
}
