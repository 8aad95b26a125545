package dev.kaigi.chassis.health;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Optional;

/**
 * Whether the token issuer's discovery document ({@code .well-known/openid-configuration}) answers: while it does
 * not, tokens signed with a key the service has not fetched yet cannot be verified. Tokens already verified keep
 * working, so it is wellness, not readiness. A service given the issuer's public key instead (tests) has nothing
 * to ask and is UP.
 */
@Wellness
@ApplicationScoped
public class OidcIssuerHealthCheck implements HealthCheck {

    static final String NAME = "oidc-issuer";

    private final CachedCheck cached;

    @Inject
    public OidcIssuerHealthCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> issuer,
                                 HealthConfig config) {
        HttpReachability http = new HttpReachability(config.timeout());
        this.cached = new CachedCheck(NAME, config.cacheFor(), () -> issuer
                .map(url -> http.check(NAME, HttpReachability.under(url, "/.well-known/openid-configuration")))
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().withData("issuer", "none: a configured public key").build()));
    }

    @Override
    public HealthCheckResponse call() {
        return cached.get();
    }
}
