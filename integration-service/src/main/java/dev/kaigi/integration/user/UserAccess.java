package dev.kaigi.integration.user;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * A {@link Permission} checked for one user's things ({@code /users/{id}/...}), for the resource
 * types' {@code *Permissions} classes. The tenant is the token's; a user id outside the caller's
 * organization answers 404 as if it did not exist (ORG-01), one inside it that the caller may not
 * touch answers 403. A caller's own id is always theirs, even before user-service's events reached us.
 */
@ApplicationScoped
public class UserAccess {

    @Inject
    CurrentCaller current;
    @Inject
    UserDirectory users;

    /** The user themself, or a caller holding {@code permission} for a user of their organization. */
    public Caller requireSelfOr(Permission permission, UUID userId) {
        Caller caller = current.get();
        caller.orgId();
        if (caller.user().filter(userId::equals).isEmpty()) {
            requireInOrganization(caller, userId);
        }
        return permission.requireSelfOr(caller, userId);
    }

    /** A caller holding {@code permission}, for a user of their organization (not even the user themself otherwise). */
    public Caller require(Permission permission, UUID userId) {
        Caller caller = current.get();
        requireInOrganization(caller, userId);
        return permission.require(caller);
    }

    private void requireInOrganization(Caller caller, UUID userId) {
        if (users.inOrganization(caller.orgId(), userId).isEmpty()) {
            throw ProblemException.notFound("user");
        }
    }
}
