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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Watches a topic from the moment it is opened, reading continuously on its own thread, so a test
 * can act and then await the events its action published:
 * {@code try (var probe = EventProbe.open(Topics.USER)) { ...; probe.await(...) }}.
 */
public final class EventProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final List<ReceivedEvent> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean open = true;
    private volatile RuntimeException failure;

    private EventProbe(String topic) {
        this.topic = topic;
        ensureTopic(topic);
        reader = new Thread(this::read, "event-probe-" + topic);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!positioned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("probe on " + topic + " could not reach the broker");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Starts watching {@code topic} (created if missing) from its current end. */
    public static EventProbe open(String topic) {
        return new EventProbe(topic);
    }

    /** Waits for the first event of {@code type} with {@code key}; fails after {@code timeout}. */
    public ReceivedEvent await(EventType<?> type, String key, Duration timeout) {
        Predicate<ReceivedEvent> match = e -> type.name().equals(e.type()) && key.equals(e.key());
        List<ReceivedEvent> found = awaitCount(match, 1, timeout);
        return found.get(0);
    }

    /** Waits until {@code count} events match, and returns them in the order they were read. */
    public List<ReceivedEvent> awaitCount(Predicate<ReceivedEvent> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedEvent> matching = seen.stream().filter(match).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching events on " + topic + " within " + timeout
                        + " but saw " + matching.size() + " of " + seen.size() + ": "
                        + seen.stream().limit(20).map(e -> e.type() + "/" + e.key()).toList());
            }
            sleep(20);
        }
    }

    /** Every event read so far. */
    public List<ReceivedEvent> seen() {
        return List.copyOf(seen);
    }

    /** Waits {@code quiet} and returns every event seen, to check that nothing else came. */
    public List<ReceivedEvent> drain(Duration quiet) {
        sleep(quiet.toMillis());
        return seen();
    }

    private void read() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.isEmpty() && System.nanoTime() < deadline) { // a new topic's metadata takes a moment
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start now, not at the first poll
            positioned.countDown();
            while (open) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    seen.add(toEvent(r, System.nanoTime()));
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            positioned.countDown();
        }
    }

    private ReceivedEvent toEvent(ConsumerRecord<String, byte[]> r, long receivedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            return new ReceivedEvent(r.topic(), r.partition(), r.offset(), r.key(), headers,
                    r.value() == null ? null : JSON.readTree(r.value()), receivedAt);
        } catch (IOException e) {
            // not JSON (a poison message a test sent on purpose): keep it without data
            return new ReceivedEvent(r.topic(), r.partition(), r.offset(), r.key(), headers, null, receivedAt);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
