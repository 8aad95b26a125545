package dev.kaigi.chassis.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Makes the plain Kafka clients of a service from the {@code kafka.*} configuration, with the settings that keep events safe. */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> config;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> config) {
        this.config = config;
    }

    /**
     * An idempotent producer with {@code acks=all}: a retried send never duplicates or reorders
     * records of a partition. Timeouts are short so a broker outage surfaces to the caller quickly
     * (the outbox keeps the events and retries) instead of blocking for minutes.
     */
    public Producer<String, byte[]> producer(String clientId) {
        Map<String, Object> props = base();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // latency first: batches form anyway while a request is in flight
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6000);
        props.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer that never commits by itself: offsets are committed after the events are applied. */
    public Consumer<String, byte[]> consumer(String groupId, String clientId) {
        Map<String, Object> props = base();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * An admin client for quick questions (is the broker there?): its calls give up after {@code timeout}, and it
     * retries a lost connection soon, so an answer after an outage is current.
     */
    public Admin admin(String clientId, Duration timeout) {
        Map<String, Object> props = base();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        int timeoutMs = (int) timeout.toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        // the producer and consumer settings of the kafka.* map mean nothing to an admin client; it would warn of each
        props.keySet().retainAll(AdminClientConfig.configNames());
        return Admin.create(props);
    }

    private Map<String, Object> base() {
        Map<String, Object> props = new HashMap<>(config);
        // the Quarkus map carries settings for every client kind; keep the ones clients understand
        props.keySet().removeIf(k -> k.startsWith("devservices") || k.startsWith("health") || k.startsWith("snappy"));
        return props;
    }
}
