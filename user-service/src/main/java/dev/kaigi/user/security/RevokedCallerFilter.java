package dev.kaigi.user.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.account.UserRepository;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.EnumSet;
import java.util.Set;

/**
 * LIF-01 on every endpoint, as in the other services: a user token whose user this service knows as
 * deactivated or deleted (removed users leave the organization) or as a member of another organization than the
 * token says is refused (401) before any resource runs. Resources that read {@link CurrentUser} did so
 * already; this covers the rest ({@code /api/v1/caller}, sign-up, the invitation links called with a
 * token). A user not known here passes; {@link CurrentUser} refuses them where a user is needed.
 */
public class RevokedCallerFilter {

    /** An INVITED user may hold a token while accepting; only these are refused. */
    private static final Set<UserStatus> GONE = EnumSet.of(UserStatus.DEACTIVATED, UserStatus.DELETED);

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;
    @Inject
    UserRepository users;

    @ServerRequestFilter
    public void refuseGoneUsers() {
        if (identity.isAnonymous()) {
            return; // the endpoint's own security answers 401
        }
        Caller c = caller.get();
        if (c.organization().isEmpty() || c.user().isEmpty()) {
            return;
        }
        users.findByIdOptional(c.user().get())
                .filter(u -> !u.orgId.equals(c.organization().get()) || GONE.contains(u.status))
                .ifPresent(u -> {
                    throw new ProblemException(401, "token-revoked");
                });
    }
}
