package dev.kaigi.chassis.inbox;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;

/**
 * Applies one event type to this service's state. Implement it as an {@code @ApplicationScoped}
 * bean: the {@link EventConsumer} calls it inside a transaction that also records the event in the
 * inbox, so it runs at most once per event id. Throw to have the event retried (then dead-lettered).
 * A feature reacting to several event types declares them together with an {@link EventSubscriber}.
 */
public interface EventHandler<P extends EventPayload> {

    EventType<P> eventType();

    void handle(IncomingEvent<P> event);

    /**
     * Whether this handler takes part at all, decided once at start-up (e.g. a sync switched off
     * by configuration). An inactive handler's events are skipped like any type nobody handles,
     * without an inbox row.
     */
    default boolean active() {
        return true;
    }

    /**
     * Whether this handler may be applied together with other events in one transaction (a
     * consumer catching up applies a run of such events at once: one commit instead of one per
     * event). Only for handlers whose every effect is in this service's database: when any event
     * of the run fails, the whole run is rolled back and applied again one event at a time, so a
     * handler that calls out (a provider, a mail server) would repeat its calls. Off by default.
     */
    default boolean batchable() {
        return false;
    }

    /**
     * The consumer that applies this handler's events: the service's own ({@link EventConsumer#MAIN}) or a named
     * one, with a Kafka consumer group, offsets and inbox of its own ({@link EventSubscriber#consumer()}).
     */
    default String consumer() {
        return EventConsumer.MAIN;
    }
}
