package dev.kaigi.testsupport;

import dev.kaigi.events.EventConsumers;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A service consumes what event-contracts' {@link EventConsumers} says it does, the table
 * {@code docs/asyncapi.yaml}'s receive operations are generated from: a subscription added or dropped
 * in the code without it (or the reverse) fails here. Each service runs it by extending it in a
 * {@code @QuarkusTest} that hands over its event dispatcher's subscribed types.
 */
public abstract class EventConsumptionContract {

    private static final String UPDATE = "; change the service's EventSubscribers or its entry in event-contracts' "
            + "EventConsumers, then regenerate docs/asyncapi.yaml (-Dkaigi.asyncapi.write=true)";

    /** {@code EventDispatcher.subscribedTypes()}: every type a subscriber declares, switched on or not. */
    protected abstract Set<String> subscribedTypes();

    @Test
    @DisplayName("EVT-01: the service's subscribers declare exactly the event types EventConsumers lists for it")
    void subscribersDeclareWhatEventConsumersLists() {
        Set<String> documented = new TreeSet<>(EventConsumers.typeNamesOf(service()));
        Set<String> declared = new TreeSet<>(subscribedTypes());
        Set<String> undocumented = new TreeSet<>(declared);
        undocumented.removeAll(documented);
        Set<String> unhandled = new TreeSet<>(documented);
        unhandled.removeAll(declared);
        assertEquals(documented, declared, service() + " handles " + undocumented + " that EventConsumers does not list"
                + " and does not handle " + unhandled + " that it lists" + UPDATE);
    }

    @Test
    @DisplayName("EVT-01: the consumer subscribes to the topics of those event types, and no others")
    void consumerSubscribesToTheTopicsOfTheTypesItHandles() {
        List<String> configured = config().getOptionalValues("kaigi.consumer.topics", String.class).orElse(List.of());
        assertEquals(new TreeSet<>(EventConsumers.topicsOf(service())), new TreeSet<>(configured),
                "kaigi.consumer.topics of " + service() + " are not the topics of the event types EventConsumers lists for it;"
                        + " subscribe to those topics in its application.properties");
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
