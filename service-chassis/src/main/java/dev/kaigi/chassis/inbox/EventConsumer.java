package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * The service's Kafka consumers (EVT-02). {@link #MAIN} reads {@code kaigi.consumer.topics} in the service's consumer
 * group and applies the handlers that name no other consumer; each consumer an {@link EventSubscriber} names
 * ({@link EventSubscriber#consumer()}) reads the topics of its own event types in a group of its own,
 * {@code <group>-<name>}, so a slow handler of one never holds back the other. Each is a {@link ConsumerLoop} with
 * the settings of {@code kaigi.consumer.*}.
 */
@ApplicationScoped
public class EventConsumer {

    /** The service's own consumer, in the group named by {@code kaigi.consumer.group-id} (the service's name). */
    public static final String MAIN = "main";

    private final List<ConsumerLoop> loops = new ArrayList<>();

    @Inject
    public EventConsumer(ConsumerConfig config, KafkaClients kafka, EventDispatcher dispatcher, InboxStore inbox,
                         ServiceIdentity service, ConsumerMetrics metrics) {
        if (!config.enabled()) {
            return;
        }
        List<String> topics = config.topics().orElse(List.of());
        if (!topics.isEmpty()) {
            loops.add(new ConsumerLoop(config, kafka, dispatcher, inbox, MAIN, groupId(config, service, MAIN), topics, true, metrics));
        }
        for (String named : dispatcher.namedConsumers()) {
            loops.add(new ConsumerLoop(config, kafka, dispatcher, inbox, named, groupId(config, service, named),
                    List.copyOf(dispatcher.topicsOf(named)), loops.isEmpty(), metrics));
        }
    }

    /** The Kafka consumer group of {@code consumer}: the service's group for {@link #MAIN}, {@code <group>-<name>} otherwise. */
    static String groupId(ConsumerConfig config, ServiceIdentity service, String consumer) {
        String group = config.groupId().orElse(service.name());
        return MAIN.equals(consumer) ? group : group + "-" + consumer;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public void start() {
        loops.forEach(ConsumerLoop::start);
    }

    /** Lets the workers finish the records in hand, commits what was applied and leaves the groups. */
    public void stop() {
        loops.forEach(ConsumerLoop::stop);
    }

    public boolean isRunning() {
        return !loops.isEmpty() && loops.stream().allMatch(ConsumerLoop::isRunning);
    }
}
