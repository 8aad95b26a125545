package dev.kaigi.chassis.logging;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the caller of each request into the logging context: {@code orgId}, and {@code userId} for a user or
 * {@code clientId} for a partner integration or a service, read from the verified token by {@link CurrentCaller};
 * taken out again when the response leaves. It answers nothing itself: a request it cannot name a caller for
 * goes on without the keys, and the endpoint's own security decides.
 */
public class CallerLogContext {

    private static final String[] KEYS = {LogKeys.ORG_ID, LogKeys.USER_ID, LogKeys.CLIENT_ID};

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentCaller caller;

    // before the other filters, so what they log carries the caller too
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public void enter() {
        // the MDC lives in the request's duplicated context; a thread without one keeps it in a thread local, so
        // nothing of an earlier request may be left there
        LogContext.clear(KEYS);
        try {
            if (identity.isAnonymous()) {
                return;
            }
            Caller c = caller.get();
            LogContext.of()
                    .with(LogKeys.ORG_ID, c.organization().orElse(null))
                    .with(LogKeys.USER_ID, c.user().orElse(null))
                    .with(LogKeys.CLIENT_ID, c.user().isEmpty() ? caller.clientId().orElse(null) : null)
                    .enter();
        } catch (RuntimeException e) {
            // a token that names no caller (bad or malformed) is refused by the endpoint's security, not here
            LogContext.clear(KEYS);
        }
    }

    @ServerResponseFilter
    public void leave() {
        LogContext.clear(KEYS);
    }
}
