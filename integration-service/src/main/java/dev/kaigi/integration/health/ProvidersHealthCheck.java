package dev.kaigi.integration.health;

import dev.kaigi.integration.provider.LastProviderCalls;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Each provider's last call (Zoom, Google and Microsoft calendars, Slack, Salesforce, SMTP) as this instance saw it:
 * DOWN while any provider's last call failed, with the failure and its time. Wellness only: a provider away delays
 * side effects (the events wait), it does not make the service unfit for requests.
 */
@Wellness
@ApplicationScoped
public class ProvidersHealthCheck implements HealthCheck {

    static final String NAME = "providers";

    @Inject
    LastProviderCalls lastCalls;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME).up();
        lastCalls.byProvider().forEach((provider, last) -> {
            response.withData(provider, (last.failed() ? "DOWN " : "UP ") + last.at() + " " + last.outcome());
            if (last.failed()) {
                response.down();
            }
        });
        return response.build();
    }
}
