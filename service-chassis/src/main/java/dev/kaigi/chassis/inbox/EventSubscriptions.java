package dev.kaigi.chassis.inbox;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an {@link EventSubscriber} declares: for an event type, what to run. Each declaration
 * becomes an {@link EventHandler} of the dispatcher, with the same guarantees and the same two
 * switches ({@link Subscription#batchable()}, {@link Subscription#activeIf(boolean)}).
 */
public final class EventSubscriptions {

    private final List<Subscription<?>> declared = new ArrayList<>();

    EventSubscriptions() {
    }

    /** On each event of {@code type}, run {@code apply} with its payload. */
    public <P extends EventPayload> Subscription<P> event(EventType<P> type, Consumer<? super P> apply) {
        Objects.requireNonNull(apply, "apply");
        return incoming(type, event -> apply.accept(event.data()));
    }

    /** The same, for a handler that needs the event's id, time or other attributes besides its payload. */
    public <P extends EventPayload> Subscription<P> incoming(EventType<P> type, Consumer<IncomingEvent<P>> apply) {
        Subscription<P> subscription = new Subscription<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(apply, "apply"));
        declared.add(subscription);
        return subscription;
    }

    /** The declarations as handlers of {@code consumer}, in the order declared; their switches are read now, once. */
    List<EventHandler<?>> handlers(String consumer) {
        return declared.stream().<EventHandler<?>>map(s -> s.handler(consumer)).toList();
    }

    /** One declaration; its switches mean what {@link EventHandler#batchable()} and {@link EventHandler#active()} mean. */
    public static final class Subscription<P extends EventPayload> {

        private final EventType<P> type;
        private final Consumer<IncomingEvent<P>> apply;
        private boolean batchable;
        private boolean active = true;

        private Subscription(EventType<P> type, Consumer<IncomingEvent<P>> apply) {
            this.type = type;
            this.apply = apply;
        }

        /** May be applied in one transaction with other events: only for effects in this service's database alone. */
        public Subscription<P> batchable() {
            batchable = true;
            return this;
        }

        /** Takes part only when {@code active} (e.g. a sync switched on by configuration); otherwise its events are skipped. */
        public Subscription<P> activeIf(boolean active) {
            this.active = active;
            return this;
        }

        private EventHandler<P> handler(String consumer) {
            return new Declared<>(type, apply, batchable, active, consumer);
        }
    }

    private record Declared<P extends EventPayload>(EventType<P> eventType, Consumer<IncomingEvent<P>> apply,
                                                    boolean batchable, boolean active, String consumer)
            implements EventHandler<P> {
        @Override
        public void handle(IncomingEvent<P> event) {
            apply.accept(event);
        }
    }
}
