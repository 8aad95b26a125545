package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.outbox.EventJson;
import dev.kaigi.chassis.tracing.TraceContext;
import dev.kaigi.events.CloudEventHeaders;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a Kafka record into an {@link IncomingEvent} and applies it with this service's
 * {@link EventHandler}s and what its {@link EventSubscriber}s declared, exactly once per consumer
 * ({@link EventHandler#consumer()}): the inbox claim and the handlers share one transaction. Each event is applied
 * inside a span of its own that continues the trace the event carries ({@link EventSpans}).
 */
@ApplicationScoped
public class EventDispatcher {

    /** Per consumer, the active handlers of each event type. */
    private final Map<String, Map<String, List<EventHandler<?>>>> handlersByConsumer = new HashMap<>();
    /** Per consumer, every event type its handlers declare, active or not. */
    private final Map<String, Set<String>> subscribedTypes = new TreeMap<>();
    private final InboxStore inbox;
    private final EventJson json;
    private final EventSpans spans;
    private final ConsumerMetrics metrics;
    private final AtomicLong duplicatesSkipped = new AtomicLong();

    @Inject
    public EventDispatcher(@Any Instance<EventHandler<?>> handlers, @Any Instance<EventSubscriber> subscribers,
                           InboxStore inbox, EventJson json, EventSpans spans, ConsumerMetrics metrics) {
        this.inbox = inbox;
        this.json = json;
        this.spans = spans;
        this.metrics = metrics;
        handlers.forEach(this::register);
        for (EventSubscriber subscriber : subscribers) {
            EventSubscriptions declared = new EventSubscriptions();
            subscriber.subscribe(declared);
            declared.handlers(subscriber.consumer()).forEach(this::register);
        }
    }

    private void register(EventHandler<?> handler) {
        subscribedTypes.computeIfAbsent(handler.consumer(), c -> new TreeSet<>()).add(handler.eventType().name());
        if (handler.active()) {
            handlersByConsumer.computeIfAbsent(handler.consumer(), c -> new HashMap<>())
                    .computeIfAbsent(handler.eventType().name(), t -> new ArrayList<>()).add(handler);
        }
    }

    /** Event types some handler of this service applies, whichever its consumer. */
    public Set<String> handledTypes() {
        Set<String> types = new TreeSet<>();
        handlersByConsumer.values().forEach(byType -> types.addAll(byType.keySet()));
        return types;
    }

    /** The consumers other than {@link EventConsumer#MAIN} that some active handler names. */
    public Set<String> namedConsumers() {
        Set<String> named = new TreeSet<>(handlersByConsumer.keySet());
        named.remove(EventConsumer.MAIN);
        return named;
    }

    /** The topics of the event types {@code consumer}'s handlers apply: what it subscribes to. */
    public Set<String> topicsOf(String consumer) {
        Set<String> topics = new TreeSet<>();
        handlersOf(consumer).keySet().forEach(type -> EventTypes.byName(type).ifPresent(t -> topics.add(t.topic())));
        return topics;
    }

    private Map<String, List<EventHandler<?>>> handlersOf(String consumer) {
        return handlersByConsumer.getOrDefault(consumer, Map.of());
    }

    /**
     * Event types this service's handlers and subscribers declare, whether switched on by
     * configuration or not: what the service consumes, as {@link dev.kaigi.events.EventConsumers}
     * documents it.
     */
    public Set<String> subscribedTypes() {
        Set<String> types = new TreeSet<>();
        subscribedTypes.values().forEach(types::addAll);
        return Collections.unmodifiableSet(types);
    }

    /** {@link #subscribedTypes()} by the consumer that applies them ({@link EventHandler#consumer()}). */
    public Map<String, Set<String>> subscribedTypesByConsumer() {
        return Collections.unmodifiableMap(subscribedTypes);
    }

    /**
     * Whether {@code record} may be applied by {@code consumer} in a run with others: its type is none
     * of the consumer's concern, or every handler of it is {@link EventHandler#batchable()}.
     */
    public boolean batchable(String consumer, ConsumerRecord<String, byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type == null) {
            return false; // poison: dead-lettered on its own
        }
        List<EventHandler<?>> handlers = handlersOf(consumer).get(type);
        return handlers == null || handlers.stream().allMatch(EventHandler::batchable);
    }

    /**
     * Applies a run of {@link #batchable} records with {@code consumer}'s handlers, in order, in one
     * transaction: all of them or, when any fails, none (the caller then applies them one by one,
     * which finds the culprit). Each event still gets its own span, in its own trace; the shared commit
     * happens after them.
     */
    public void dispatchAll(String consumer, List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery> deliveries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = header(record, CloudEventHeaders.TYPE);
            List<EventHandler<?>> handlers = type == null ? null : handlersOf(consumer).get(type);
            if (handlers != null) {
                deliveries.add(new Delivery(parse(record, type), traceOf(record), handlers));
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        boolean[] claimed = new boolean[deliveries.size()];
        inTransaction(() -> {
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery delivery = deliveries.get(i);
                int index = i;
                spans.process(consumer, delivery.event(), delivery.trace(),
                        () -> claimed[index] = applyOnce(consumer, delivery.event(), delivery.handlers()));
            }
        });
        // counted once committed: a run that fails is rolled back and applied again one by one
        for (int i = 0; i < deliveries.size(); i++) {
            count(consumer, deliveries.get(i).event(), claimed[i]);
        }
    }

    /** A parsed record of a run, with the trace it continues and the handlers that apply it. */
    private record Delivery(IncomingEvent<?> event, TraceContext trace, List<EventHandler<?>> handlers) {
    }

    /** How many redelivered events the inbox recognised and skipped since start. */
    public long duplicatesSkipped() {
        return duplicatesSkipped.get();
    }

    /**
     * Applies the record with {@code consumer}'s handlers unless that consumer applied it before or
     * none of them wants its type.
     *
     * @throws PoisonEventException when the record can never be applied
     */
    public void dispatch(String consumer, ConsumerRecord<String, byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        List<EventHandler<?>> handlers = type == null ? null : handlersOf(consumer).get(type);
        if (handlers == null) {
            if (type == null) {
                throw new PoisonEventException("record has no " + CloudEventHeaders.TYPE + " header", null);
            }
            return; // another service's concern
        }
        IncomingEvent<?> event = parse(record, type);
        boolean[] claimed = {false};
        spans.process(consumer, event, traceOf(record),
                () -> inTransaction(() -> claimed[0] = applyOnce(consumer, event, handlers)));
        count(consumer, event, claimed[0]);
    }

    /**
     * The consumer's inbox claim and its handlers, in the caller's transaction; a redelivered event is skipped.
     * Returns whether it was claimed (applied) rather than skipped.
     */
    private boolean applyOnce(String consumer, IncomingEvent<?> event, List<EventHandler<?>> handlers) {
        try (var logContext = EventLogContext.enter(event)) {
            return claimAndApply(consumer, event, handlers);
        }
    }

    private boolean claimAndApply(String consumer, IncomingEvent<?> event, List<EventHandler<?>> handlers) {
        if (!inbox.claim(consumer, event)) {
            Span.current().setAttribute("kaigi.event.duplicate", true);
            return false;
        }
        for (EventHandler<?> handler : handlers) {
            apply(handler, event);
        }
        return true;
    }

    /** Counts a committed event as applied or as a redelivery the inbox skipped. */
    private void count(String consumer, IncomingEvent<?> event, boolean claimed) {
        if (claimed) {
            metrics.applied(consumer, event.type());
        } else {
            duplicatesSkipped.incrementAndGet();
            metrics.redeliverySkipped(consumer, event.type());
        }
    }

    private static void inTransaction(Runnable work) {
        try {
            QuarkusTransaction.requiringNew().run(work);
        } catch (RuntimeException e) {
            // The transaction wraps what the handler threw; an Error (out of memory, ...) is not a
            // failure of this event to retry but of the consumer, which must die and restart.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof Error error) {
                    throw error;
                }
            }
            throw e;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void apply(EventHandler handler, IncomingEvent event) {
        handler.handle(event);
    }

    private IncomingEvent<?> parse(ConsumerRecord<String, byte[]> record, String type) {
        EventType<?> eventType = EventTypes.byName(type)
                .orElseThrow(() -> new PoisonEventException("unknown event type " + type, null));
        try {
            UUID id = UUID.fromString(required(record, CloudEventHeaders.ID));
            String orgId = header(record, CloudEventHeaders.ORG_ID);
            String time = header(record, CloudEventHeaders.TIME);
            Object data = json.read(record.value(), eventType.payloadType());
            return new IncomingEvent<>(id, type, header(record, CloudEventHeaders.SOURCE),
                    header(record, CloudEventHeaders.SUBJECT), time == null ? null : Instant.parse(time),
                    orgId == null ? null : UUID.fromString(orgId), data, record.topic(), record.partition(),
                    record.offset());
        } catch (IOException | RuntimeException e) {
            throw new PoisonEventException("unreadable " + type + " at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset(), e);
        }
    }

    private static TraceContext traceOf(ConsumerRecord<String, byte[]> record) {
        return new TraceContext(header(record, CloudEventHeaders.TRACE_PARENT), header(record, CloudEventHeaders.TRACE_STATE));
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        String value = header(record, name);
        if (value == null) {
            throw new IllegalArgumentException("missing header " + name);
        }
        return value;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
