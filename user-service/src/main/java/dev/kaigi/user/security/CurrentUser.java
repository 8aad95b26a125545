package dev.kaigi.user.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.account.UserAccount;
import dev.kaigi.user.account.UserRepository;
import dev.kaigi.user.organization.Organization;
import dev.kaigi.user.organization.OrganizationRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The signed-in Kaigi user as user-service knows them now. Their role and standing come from this
 * service's data, not the token: a deactivated or deleted user's still-valid token is refused at
 * once (LIF-01), and a role change applies to the next request.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    CurrentCaller caller;
    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;

    private UserAccount user;

    public UserAccount get() {
        if (user == null) {
            Caller c = caller.get();
            user = users.inOrganization(c.orgId(), c.userId())
                    .filter(u -> u.status == UserStatus.ACTIVE)
                    .orElseThrow(() -> new ProblemException(401, "token-revoked"));
        }
        return user;
    }

    /** Refuses (403) unless the user is an OWNER. */
    public UserAccount requireOwner() {
        UserAccount u = get();
        if (u.role != Role.OWNER) {
            throw ProblemException.forbidden();
        }
        return u;
    }

    /** Refuses (403) unless the user is the organization's super admin (ORG-02). */
    public UserAccount requireSuperAdmin() {
        UserAccount u = get();
        if (!isSuperAdmin(u)) {
            throw ProblemException.forbidden();
        }
        return u;
    }

    public boolean isSuperAdmin(UserAccount u) {
        Organization org = organizations.findById(u.orgId);
        return org != null && u.id.equals(org.superAdminUserId);
    }
}
