package dev.kaigi.faults.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kaigi.events.CloudEventHeaders;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Plays the other services on {@link KafkaProcess}'s broker (test-support's {@code TestEvents} is bound to
 * the broker inside the test JVM): events as an outbox relay publishes them, CloudEvents in Kafka binary
 * mode keyed by the payload's partition key; and records no relay would ever write, for poison tests.
 */
public final class Events implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer;

    Events(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code payload} as a new event of its type; returns the event id. */
    public UUID publish(EventPayload payload) {
        EventType<?> type = EventTypes.of(payload.getClass());
        try {
            return send(type, payload.partitionKey(), payload.orgId(), JSON.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record with {@code type}'s headers and a body that is not its payload (not even JSON): a poison event. */
    public UUID publishUnreadable(EventType<?> type, String key, UUID orgId) {
        return send(type, key, orgId, "{\"orgId\": not json".getBytes(StandardCharsets.UTF_8));
    }

    private UUID send(EventType<?> type, String key, UUID orgId, byte[] body) {
        UUID id = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), key, body);
        Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, id.toString(),
                CloudEventHeaders.TYPE, type.name(),
                CloudEventHeaders.SOURCE, type.source(),
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.ORG_ID, orgId.toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.name(), e);
        }
        return id;
    }

    @Override
    public void close() {
        producer.close();
    }
}
