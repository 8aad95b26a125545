package dev.kaigi.user.licensing;

import dev.kaigi.chassis.health.CachedCheck;
import dev.kaigi.chassis.health.HealthConfig;
import dev.kaigi.chassis.health.HttpReachability;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.net.URI;

/**
 * Whether licensing-service is ready (its {@code /q/health/ready}): while it is not, users cannot be added,
 * activated or converted (their seats are taken there). Wellness, not readiness: everything else user-service does
 * goes on.
 */
@Wellness
@ApplicationScoped
public class LicensingHealthCheck implements HealthCheck {

    static final String NAME = "licensing-service";

    private final CachedCheck cached;

    @Inject
    public LicensingHealthCheck(@ConfigProperty(name = "quarkus.rest-client.licensing.url") String licensingUrl,
                                HealthConfig config) {
        HttpReachability http = new HttpReachability(config.timeout());
        URI ready = HttpReachability.under(licensingUrl, "/q/health/ready");
        this.cached = new CachedCheck(NAME, config.cacheFor(), () -> http.check(NAME, ready));
    }

    @Override
    public HealthCheckResponse call() {
        return cached.get();
    }
}
