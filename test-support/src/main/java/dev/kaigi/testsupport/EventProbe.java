package dev.kaigi.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.events.EventType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Watches a topic from the moment it is opened, so a test can act and then await the events its
 * action published: {@code try (var probe = EventProbe.open(Topics.USER)) { ...; probe.await(...) }}.
 */
public final class EventProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final List<ReceivedEvent> seen = new ArrayList<>();

    private EventProbe(String topic) {
        this.topic = topic;
        ensureTopic(topic);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, not at the first poll
    }

    /** Starts watching {@code topic} (created if missing) from its current end. */
    public static EventProbe open(String topic) {
        return new EventProbe(topic);
    }

    /** Waits for the first event of {@code type} with {@code key}; fails after {@code timeout}. */
    public ReceivedEvent await(EventType<?> type, String key, Duration timeout) {
        return awaitMatching(e -> type.name().equals(e.type()) && key.equals(e.key()), timeout,
                type.name() + " with key " + key);
    }

    /** Waits until {@code count} events match, and returns them in the order they were read. */
    public List<ReceivedEvent> awaitCount(Predicate<ReceivedEvent> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedEvent> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " events on " + topic + " but saw "
                        + matching.size() + " matching of " + seen.size());
            }
            pollOnce();
        }
    }

    /** Every event read so far. */
    public List<ReceivedEvent> seen() {
        return List.copyOf(seen);
    }

    /** Reads whatever arrives within {@code quiet} and returns all events seen, to check that nothing else came. */
    public List<ReceivedEvent> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return seen();
    }

    private ReceivedEvent awaitMatching(Predicate<ReceivedEvent> match, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ReceivedEvent e : seen) {
                if (match.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " on " + topic + " within " + timeout
                        + "; saw " + seen.stream().map(e -> e.type() + "/" + e.key()).toList());
            }
            pollOnce();
        }
    }

    private void pollOnce() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
            try {
                seen.add(new ReceivedEvent(r.topic(), r.partition(), r.offset(), r.key(), headers,
                        r.value() == null ? null : JSON.readTree(r.value())));
            } catch (IOException e) {
                throw new UncheckedIOException("event value on " + topic + " is not JSON", e);
            }
        }
    }

    /** Creates {@code topic} with the broker's defaults if it does not exist. */
    public static void ensureTopic(String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
