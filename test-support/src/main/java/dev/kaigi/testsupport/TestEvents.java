package dev.kaigi.testsupport;

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
 * Publishes events the way another service's outbox relay would (CloudEvents in Kafka binary
 * mode, keyed by the payload's partition key), so a service's tests can play the other services.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, byte[]> producer;

    private TestEvents() {
    }

    /** Publishes {@code payload} as a new event; returns its id. */
    public static UUID publish(EventPayload payload) {
        return publish(UUID.randomUUID(), payload);
    }

    /** Publishes {@code payload} with a given event id: publish twice with one id to simulate a redelivery. */
    public static UUID publish(UUID eventId, EventPayload payload) {
        return publish(eventId, Instant.now(), payload);
    }

    /** Publishes with a given {@code ce_time}: an event written at {@code time} that arrives only now. */
    public static UUID publish(UUID eventId, Instant time, EventPayload payload) {
        EventType<?> type = EventTypes.of(payload.getClass());
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), payload.partitionKey(),
                    JSON.writeValueAsBytes(payload));
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            header(record, CloudEventHeaders.ID, eventId.toString());
            header(record, CloudEventHeaders.TYPE, type.name());
            header(record, CloudEventHeaders.SOURCE, type.source());
            header(record, CloudEventHeaders.SUBJECT, payload.partitionKey());
            header(record, CloudEventHeaders.TIME, time.toString());
            header(record, CloudEventHeaders.ORG_ID, payload.orgId().toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            producer().send(record).get(30, TimeUnit.SECONDS);
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.name(), e);
        }
    }

    /** Sends a record read from Kafka again, headers and all: what a consumer sees when Kafka redelivers it. */
    public static void redeliver(ReceivedEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.partition(), event.key(),
                event.data().toString().getBytes(StandardCharsets.UTF_8));
        event.headers().forEach((name, value) -> header(record, name, value));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not redeliver " + event.id(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
