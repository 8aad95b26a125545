package dev.kaigi.integration.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * LIF-01 here: a caller whom user-service's events showed to be deactivated, deleted or removed is refused
 * at once, though their token has not expired yet.
 */
public class RevokedCallerFilter {

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;
    @Inject
    UserDirectory users;

    @ServerRequestFilter
    public void refuseGoneUsers() {
        if (identity.isAnonymous()) {
            return; // the endpoint's own security answers 401
        }
        Caller c = caller.get();
        if (c.organization().isEmpty() || c.user().isEmpty()) {
            return;
        }
        Optional<UserProfile> user = users.find(c.user().get());
        if (user.isPresent() && (!user.get().orgId.equals(c.organization().get()) || user.get().isGone())) {
            throw new ProblemException(401, "token-revoked");
        }
    }
}
