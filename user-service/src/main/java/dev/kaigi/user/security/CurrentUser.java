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

import java.util.UUID;

/**
 * The signed-in Kaigi user as user-service knows them now. Their role and standing come from this
 * service's data, not the token: a deactivated or deleted user's still-valid token is refused at
 * once (LIF-01), and a role change applies to the next request. A partner integration has no user: the
 * {@code ...OrScope} methods let it in by its token's scope instead (README "For partners").
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

    /**
     * The organization whose users the caller may read: an active user's own, or that of a partner client
     * holding {@code scope}. 401 for a user this service refuses, 403 for a partner without the scope.
     */
    public UUID requireUserOrScope(String scope) {
        Caller c = caller.get();
        return c.isPartnerWith(scope) ? partnerOrganization(scope) : get().orgId;
    }

    /** An OWNER acting, or a partner client holding {@code scope} ({@link Actor#partner}); 403 for anyone else. */
    public Actor requireOwnerOrScope(String scope) {
        Caller c = caller.get();
        return c.isPartnerWith(scope) ? Actor.partner(partnerOrganization(scope)) : Actor.of(requireOwner());
    }

    /** Any active user acting as themselves (their rights are checked by what they do), or a partner client holding {@code scope}. */
    public Actor requireActorOrScope(String scope) {
        Caller c = caller.get();
        return c.isPartnerWith(scope) ? Actor.partner(partnerOrganization(scope)) : Actor.of(get());
    }

    /**
     * The organization of a partner client holding {@code scope} (ORG-01: the token's). 403 without the scope,
     * and for a client of an organization this service does not know: it may reach nothing.
     */
    public UUID partnerOrganization(String scope) {
        Caller c = caller.get();
        if (!c.isPartnerWith(scope) || organizations.findById(c.orgId()) == null) {
            throw ProblemException.forbidden();
        }
        return c.orgId();
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
