package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.events.user.UserStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.Set;

/**
 * LIF-01 here: a user this service knows (from user-service's events) to be deactivated or deleted
 * is refused, even with a token that has not expired yet.
 */
public class RevokedUserFilter {

    private static final Set<UserStatus> REVOKED = Set.of(UserStatus.DEACTIVATED, UserStatus.DELETED);

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;
    @Inject
    OrgUserRepository users;

    @ServerRequestFilter
    public Optional<jakarta.ws.rs.core.Response> refuseRevokedUsers() {
        if (identity.isAnonymous()) {
            return Optional.empty(); // the endpoint's own security answers 401
        }
        Caller c = caller.get();
        if (c.organization().isPresent() && c.user().isPresent()) {
            boolean revoked = users.inOrganization(c.organization().get(), c.user().get())
                    .map(u -> REVOKED.contains(u.status)).orElse(false);
            if (revoked) {
                throw new ProblemException(401, "token-revoked");
            }
        }
        return Optional.empty();
    }
}
