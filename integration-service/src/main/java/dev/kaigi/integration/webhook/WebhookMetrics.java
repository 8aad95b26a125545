package dev.kaigi.integration.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook delivery attempts as Prometheus sees them: {@code kaigi_webhook_deliveries_total} by what the attempt
 * led to (delivered, retried later, failed for good) and {@code kaigi_webhook_delivery_latency_seconds}, how long
 * the endpoints took to answer (or not), with its 0.5 and 0.99 quantiles.
 */
@ApplicationScoped
public class WebhookMetrics {

    static final String DELIVERIES = "kaigi.webhook.deliveries";
    static final String LATENCY = "kaigi.webhook.delivery.latency";

    /** What an attempt led to. */
    enum Result {
        DELIVERED, RETRIED, FAILED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<Result, Counter> deliveries = new ConcurrentHashMap<>();
    private final Timer latency;

    @Inject
    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder(LATENCY).description("Time from sending a webhook to its endpoint's full answer")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void attempted(Result result, long latencyMillis) {
        deliveries.computeIfAbsent(result, r -> Counter.builder(DELIVERIES)
                .description("Webhook delivery attempts by what they led to").tag("outcome", r.tag())
                .register(registry)).increment();
        latency.record(Duration.ofMillis(latencyMillis));
    }
}
