package dev.kaigi.chassis.metrics;

import dev.kaigi.chassis.idempotency.IdempotentCreation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code kaigi_idempotent_replays_total{endpoint}}: the answers given again under an {@code Idempotency-Key}
 * ({@code Idempotent-Replayed: true}), per endpoint ({@code BookingResource.book}), whichever code replayed them. A
 * rising count is clients retrying requests whose answers they lost: a network or timeout problem on their side.
 */
public class IdempotentReplays {

    static final String REPLAYS = "kaigi.idempotent.replays";

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @ServerResponseFilter
    public void count(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null
                || !"true".equals(response.getHeaderString(IdempotentCreation.REPLAYED))) {
            return;
        }
        String endpoint = resource.getResourceClass().getSimpleName() + "." + resource.getMethodName();
        counters.computeIfAbsent(endpoint, e -> Counter.builder(REPLAYS)
                .description("Answers replayed for a repeated Idempotency-Key").tag("endpoint", e)
                .register(registry)).increment();
    }
}
