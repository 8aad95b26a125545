package dev.kaigi.chassis.health;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.kafka.KafkaClients;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the Kafka broker answers: the cluster described within {@code kaigi.health.timeout}. A wellness check,
 * not readiness: a service keeps taking writes while Kafka is away (the outbox keeps the events), so a broker
 * outage must not take it out of its load balancer.
 */
@Wellness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    static final String NAME = "kafka";

    private final KafkaClients kafka;
    private final String clientId;
    private final HealthConfig config;
    private final CachedCheck cached;
    private Admin admin;

    @Inject
    public KafkaHealthCheck(KafkaClients kafka, ServiceIdentity service, HealthConfig config) {
        this.kafka = kafka;
        this.clientId = service.name() + "-health";
        this.config = config;
        this.cached = new CachedCheck(NAME, config.cacheFor(), this::describeCluster);
    }

    @Override
    public HealthCheckResponse call() {
        return cached.get();
    }

    private HealthCheckResponse describeCluster() {
        long timeoutMs = config.timeout().toMillis();
        var response = HealthCheckResponse.named(NAME);
        try {
            DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
            int brokers = cluster.nodes().get(timeoutMs + 500, TimeUnit.MILLISECONDS).size();
            return response.up().withData("brokers", brokers).build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return response.down().withData("error", cause.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    /** One admin client for the service's life, made on the first check. */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = kafka.admin(clientId, config.timeout());
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }
}
