package dev.kaigi.testsupport;

import dev.kaigi.events.EventConsumers;
import dev.kaigi.events.EventType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A service consumes what event-contracts' {@link EventConsumers} says it does, the table
 * {@code docs/asyncapi.yaml}'s receive operations are generated from: a subscription added or dropped
 * in the code without it (or the reverse) fails here. Each service runs it by extending it in a
 * {@code @QuarkusTest} that hands over its event dispatcher's subscribed types, by consumer.
 */
public abstract class EventConsumptionContract {

    private static final String UPDATE = "; change the service's EventSubscribers or its entry in event-contracts' "
            + "EventConsumers, then regenerate docs/asyncapi.yaml (-Dkaigi.asyncapi.write=true)";

    /**
     * {@code EventDispatcher.subscribedTypesByConsumer()}: every type a subscriber declares, switched on or not, by
     * the consumer that applies it ({@code main}, or the name of one the service runs beside it).
     */
    protected abstract Map<String, Set<String>> subscribedTypesByConsumer();

    @Test
    @DisplayName("EVT-01: each consumer group's subscribers declare exactly the event types EventConsumers lists for it")
    void subscribersDeclareWhatEventConsumersLists() {
        Map<String, Set<String>> documented = new TreeMap<>();
        EventConsumers.groupsOf(service()).forEach((group, types) ->
                documented.put(group, types.stream().map(EventType::name).collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<String>> declared = new TreeMap<>();
        subscribedTypesByConsumer().forEach((consumer, types) ->
                declared.put("main".equals(consumer) ? service() : service() + "-" + consumer, new TreeSet<>(types)));
        assertEquals(documented, declared, service() + "'s consumer groups handle event types other than those"
                + " EventConsumers lists for them" + UPDATE);
    }

    @Test
    @DisplayName("EVT-01: the service's own consumer subscribes to the topics of its event types, and no others")
    void consumerSubscribesToTheTopicsOfTheTypesItHandles() {
        List<String> configured = config().getOptionalValues("kaigi.consumer.topics", String.class).orElse(List.of());
        Set<String> needed = EventConsumers.groupsOf(service()).get(service()).stream().map(EventType::topic)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(needed, new TreeSet<>(configured),
                "kaigi.consumer.topics of " + service() + " are not the topics of the event types EventConsumers lists"
                        + " for its own group; subscribe to those topics in its application.properties");
    }

    /** The AsyncAPI document names the service as the consumer group of its receive operations. */
    @Test
    void consumerGroupIsTheServiceName() {
        assertEquals(service(), config().getOptionalValue("kaigi.consumer.group-id", String.class).orElse(service()));
    }

    private static String service() {
        return config().getValue("kaigi.service.name", String.class);
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
