package dev.kaigi.scheduling.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.scheduling.host.Host;
import dev.kaigi.scheduling.host.HostRepository;
import dev.kaigi.scheduling.host.HostStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.EnumSet;
import java.util.Set;

/**
 * LIF-01 here: a caller whom user-service's events showed to be deactivated, deleted or removed
 * is refused at once, though their token has not expired yet.
 */
public class RevokedCallerFilter {

    private static final Set<HostStatus> GONE = EnumSet.of(HostStatus.DEACTIVATED, HostStatus.DELETED, HostStatus.REMOVED);

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;
    @Inject
    HostRepository hosts;

    @ServerRequestFilter
    public void refuseGoneUsers() {
        if (identity.isAnonymous()) {
            return; // the endpoint's own security answers 401
        }
        Caller c = caller.get();
        if (c.organization().isEmpty() || c.user().isEmpty()) {
            return;
        }
        Host h = hosts.findById(c.user().get());
        if (h != null && (!h.orgId.equals(c.organization().get()) || GONE.contains(h.status))) {
            throw new ProblemException(401, "token-revoked");
        }
    }
}
