package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an on-call engineer asks of the consumers: how many events each consumer group applied, retried,
 * dead-lettered and skipped as redeliveries, per event type, and how far behind each group is on each topic.
 * Counters are tagged {@code type} and {@code group} (the Kafka consumer group); a type the service does not know
 * (a poison record's) counts as {@code unknown}, so a stream of garbage cannot grow the number of series.
 */
@ApplicationScoped
public class ConsumerMetrics {

    static final String APPLIED = "kaigi.events.applied";
    static final String RETRIED = "kaigi.events.retried";
    static final String DEAD_LETTERED = "kaigi.events.dead.lettered";
    static final String REDELIVERIES_SKIPPED = "kaigi.events.redeliveries.skipped";
    static final String LAG = "kaigi.consumer.lag";
    static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;
    private final ConsumerConfig config;
    private final ServiceIdentity service;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, AtomicLong> lags = new ConcurrentHashMap<>();

    @Inject
    public ConsumerMetrics(MeterRegistry registry, ConsumerConfig config, ServiceIdentity service) {
        this.registry = registry;
        this.config = config;
        this.service = service;
    }

    void applied(String consumer, String type) {
        count(APPLIED, consumer, type);
    }

    /** An attempt that failed and will be made again: at once for a failing handler, later for a transient failure. */
    void retried(String consumer, String type) {
        count(RETRIED, consumer, type);
    }

    void deadLettered(String consumer, String type) {
        count(DEAD_LETTERED, consumer, type);
    }

    /** A redelivered event the inbox recognised and did not apply again. */
    void redeliverySkipped(String consumer, String type) {
        count(REDELIVERIES_SKIPPED, consumer, type);
    }

    private void count(String name, String consumer, String type) {
        String group = EventConsumer.groupId(config, service, consumer);
        String typeTag = type != null && EventTypes.byName(type).isPresent() ? type : UNKNOWN_TYPE;
        counters.computeIfAbsent(List.of(name, group, typeTag), key -> Counter.builder(name)
                .tags(Tags.of("group", group, "type", typeTag)).register(registry)).increment();
    }

    /**
     * Sets the lag of {@code consumer} on each of its {@code topics}: the records between its position and the end
     * of the partitions it owns, summed per topic (0 for a topic it owns nothing of: another instance reports it).
     * Reads only what the Kafka consumer already knows from its last fetch, so it costs no call to the broker; to be
     * called on the consumer's own thread.
     */
    void recordLag(String consumer, List<String> topics, Consumer<?, ?> kafkaConsumer) {
        Map<String, Long> byTopic = new HashMap<>();
        topics.forEach(topic -> byTopic.put(topic, 0L));
        for (TopicPartition partition : kafkaConsumer.assignment()) {
            OptionalLong lag = kafkaConsumer.currentLag(partition);
            if (lag.isPresent()) {
                byTopic.merge(partition.topic(), lag.getAsLong(), Long::sum);
            }
        }
        String group = EventConsumer.groupId(config, service, consumer);
        byTopic.forEach((topic, lag) -> lagOf(group, topic).set(lag));
    }

    private AtomicLong lagOf(String group, String topic) {
        return lags.computeIfAbsent(List.of(group, topic), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(LAG, value, AtomicLong::get).description("Records not yet read by the group, per topic")
                    .baseUnit("records").tags(Tags.of("group", group, "topic", topic)).register(registry);
            return value;
        });
    }
}
