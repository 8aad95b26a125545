package dev.kaigi.chassis.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens this instance has verified, kept until they expire, so that a client sending the
 * same token again (every request of a session does) skips the signature check and the two JSON
 * parses of the token: the booking benchmark's profile put a fifth of the request threads' time
 * in quarkus-oidc's verification. A token is found only by its exact text, so a tampered or
 * re-signed one is verified afresh; an entry is never used at or after the token's {@code exp}.
 * What a cached token cannot carry (a deactivated user, a changed role) is checked per request
 * elsewhere, as before: the revoked-caller filter and the augmentors run on every request.
 * <p>
 * This is the first identity provider asked for a bearer token; it answers only from the cache
 * and leaves every other token to quarkus-oidc. {@link VerifiedTokenRecorder} fills it.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Set on an identity served from the cache, so the recorder does not store it again. */
    static final String FROM_CACHE = "kaigi.verified-token-cache";

    /** Identity attributes that belong to the request that verified the token, not to the token. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final int capacity;
    private final Clock clock;

    @Inject
    VerifiedTokens(@ConfigProperty(name = "kaigi.security.verified-token-cache-size", defaultValue = "2000") int capacity) {
        this(capacity, Clock.systemUTC());
    }

    VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider (the default priority, 1001): the manager asks providers in descending priority. */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        SecurityIdentity cached = find(request.getToken().getToken());
        if (cached == null) {
            return Uni.createFrom().nullItem(); // quarkus-oidc verifies it
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(cached);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(ROUTING_CONTEXT, routing);
            Object requestContext = routing.get(REQUEST_CONTEXT);
            if (requestContext != null) {
                identity.addAttribute(REQUEST_CONTEXT, requestContext);
            }
        }
        return Uni.createFrom().item(identity.build());
    }

    /** The identity verified for exactly this token, or null when there is none or the token has expired. */
    SecurityIdentity find(String token) {
        Entry e = verified.get(token);
        if (e == null) {
            return null;
        }
        if (clock.millis() >= e.expiresAtMillis()) {
            verified.remove(token, e);
            return null;
        }
        hits.incrementAndGet();
        return e.identity();
    }

    /** Remembers {@code identity}, just verified by quarkus-oidc, for its token until the token's expiry. */
    void remember(SecurityIdentity identity) {
        if (capacity <= 0 || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !(jwt.getClaim(Claims.exp.name()) instanceof Number exp)) {
            return;
        }
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        if (credential == null || credential.getToken() == null) {
            return;
        }
        long now = clock.millis();
        long expiresAt = exp.longValue() * 1000;
        if (expiresAt <= now) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(e -> now >= e.expiresAtMillis());
            if (verified.size() >= capacity) {
                return; // full of live tokens: the rest are verified each time, as without the cache
            }
        }
        verified.put(credential.getToken(), new Entry(withoutRequest(identity), expiresAt));
    }

    int size() {
        return verified.size();
    }

    /** How many requests were answered from the cache. */
    long hits() {
        return hits.get();
    }

    /** A copy without the verifying request's objects (they would pin that request in memory), marked as cached. */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(ROUTING_CONTEXT);
        attributes.remove(REQUEST_CONTEXT);
        attributes.put(FROM_CACHE, Boolean.TRUE);
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes)
                .addPermissionChecker(identity::checkPermission).build();
    }
}
