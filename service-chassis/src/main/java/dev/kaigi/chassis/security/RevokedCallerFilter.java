package dev.kaigi.chassis.security;

import dev.kaigi.chassis.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * LIF-01 in every service: a caller whom user-service's events showed to be deactivated, deleted or
 * removed is refused (401 {@code token-revoked}) before any resource runs, though their token has not
 * expired yet. Which users are gone is the service's {@link RevokedCallers}; a service without one
 * refuses nobody here. Partner clients and services have no user and pass, and so do methods
 * marked {@link ChecksRevokedCaller}, which check it themselves.
 */
public class RevokedCallerFilter {

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;
    @Inject
    Instance<RevokedCallers> revokedCallers;

    @ServerRequestFilter
    public void refuseRevokedCallers(ResourceInfo resource) {
        if (identity.isAnonymous() || !revokedCallers.isResolvable()) {
            return; // the endpoint's own security answers 401
        }
        if (resource != null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(ChecksRevokedCaller.class)) {
            return;
        }
        Caller c = caller.get();
        if (c.organization().isEmpty() || c.user().isEmpty()) {
            return;
        }
        if (revokedCallers.get().revoked(c.user().get(), c.organization().get())) {
            throw refused();
        }
    }

    /** The answer to a revoked caller, here and in the methods that check for themselves. */
    public static ProblemException refused() {
        return new ProblemException(401, "token-revoked");
    }
}
