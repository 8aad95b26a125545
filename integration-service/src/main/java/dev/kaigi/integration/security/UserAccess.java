package dev.kaigi.integration.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.integration.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may act on {@code /users/{id}/...} resources. The tenant is the token's; a user id outside the
 * caller's organization answers 404 as if it did not exist (ORG-01), one inside it that the caller may not
 * touch answers 403. A caller's own id is always theirs, even before user-service's events reached us.
 */
@ApplicationScoped
public class UserAccess {

    @Inject
    UserDirectory users;

    /** Only the user themself (connections are personal: INT-01, INT-04). */
    public void requireSelf(Caller caller, UUID userId) {
        requireSelfOr(caller, userId);
    }

    /** A caller with one of {@code roles}, for a user of their organization (not even the user themself otherwise). */
    public void requireRoleFor(Caller caller, UUID userId, String... roles) {
        if (users.inOrganization(caller.orgId(), userId).isEmpty()) {
            throw ProblemException.notFound("user");
        }
        caller.requireAnyRole(roles);
    }

    /** The user themself, or a caller with one of {@code roles} for a user of their organization. */
    public void requireSelfOr(Caller caller, UUID userId, String... roles) {
        caller.orgId();
        if (caller.user().filter(userId::equals).isPresent()) {
            return;
        }
        if (users.inOrganization(caller.orgId(), userId).isEmpty()) {
            throw ProblemException.notFound("user");
        }
        caller.requireAnyRole(roles);
    }
}
