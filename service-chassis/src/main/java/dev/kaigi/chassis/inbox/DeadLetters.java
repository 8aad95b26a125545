package dev.kaigi.chassis.inbox;

import dev.kaigi.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves an event that cannot be applied to {@code <topic>.dlq}, unchanged, with why and where it
 * came from in {@code kaigi_dlq_*} headers, so an operator can inspect and replay it.
 */
final class DeadLetters {

    static final String ERROR = "kaigi_dlq_error";
    static final String ORIGINAL_TOPIC = "kaigi_dlq_original_topic";
    static final String ORIGINAL_PARTITION = "kaigi_dlq_original_partition";
    static final String ORIGINAL_OFFSET = "kaigi_dlq_original_offset";
    static final String ATTEMPTS = "kaigi_dlq_attempts";
    static final String FAILED_AT = "kaigi_dlq_failed_at";
    static final String CONSUMER_GROUP = "kaigi_dlq_consumer_group";

    private final Producer<String, byte[]> producer;
    private final String groupId;

    DeadLetters(Producer<String, byte[]> producer, String groupId) {
        this.producer = producer;
        this.groupId = groupId;
    }

    /** Blocks until the broker has the record, so the offset is committed only after it is safe. */
    void send(ConsumerRecord<String, byte[]> record, Throwable error, int attempts)
            throws ExecutionException, InterruptedException, TimeoutException {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        put(headers, ERROR, describe(error));
        put(headers, ORIGINAL_TOPIC, record.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        put(headers, ATTEMPTS, Integer.toString(attempts));
        put(headers, FAILED_AT, Instant.now().toString());
        put(headers, CONSUMER_GROUP, groupId);
        producer.send(new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers))
                .get(10, TimeUnit.SECONDS);
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 2000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
