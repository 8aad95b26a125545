package dev.kaigi.chassis;

import dev.kaigi.chassis.inbox.EventConsumer;
import dev.kaigi.chassis.inbox.EventDispatcher;
import dev.kaigi.chassis.outbox.EventJson;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.testapp.TracedEventHandler;
import dev.kaigi.chassis.tracing.NoTraceExport;
import dev.kaigi.events.CloudEventHeaders;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A change's trace goes through the outbox and Kafka (the CloudEvents distributed-tracing extension,
 * {@code ce_traceparent}) into the consumer, whose span and the spans its handler opens descend from the request
 * that made the change.
 */
@QuarkusTest
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROCESS_SPAN = EventTypes.USER_DEACTIVATED.name() + " process";
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<Boolean> DUPLICATE = AttributeKey.booleanKey("kaigi.event.duplicate");

    @Inject
    InMemorySpanExporter spans;
    @Inject
    Outbox outbox;
    @Inject
    Tracer tracer;
    @Inject
    EventDispatcher dispatcher;
    @Inject
    EventJson json;
    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @Test
    @DisplayName("Tracing: with no KAIGI_OTLP_ENDPOINT the chassis' exporter that sends nothing can be looked up, which keeps Quarkus from starting its OTLP exporter")
    void withoutEndpointNothingIsExported() {
        assertTrue(exporters.stream().anyMatch(NoTraceExport.class::isInstance));
    }

    @Test
    @DisplayName("Tracing: a request's event carries its trace to the consumer; the consumer's and the handler's spans descend from the request span")
    void requestTraceReachesTheConsumerAndItsHandler() {
        UUID user = UUID.randomUUID();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            var recorded = given().post("/api/v1/probe/deactivations/" + user).then().statusCode(200)
                    .extract().jsonPath();
            String traceId = recorded.getString("traceId");
            String requestSpanId = recorded.getString("spanId");
            String eventId = recorded.getString("eventId");

            ReceivedEvent event = probe.await(EventTypes.USER_DEACTIVATED, user.toString(), WAIT);
            assertEquals(eventId, event.id());
            String traceparent = event.header(CloudEventHeaders.TRACE_PARENT);
            assertNotNull(traceparent, "the record carries ce_traceparent");
            assertEquals(traceId, traceparent.split("-")[1], "ce_traceparent names the request's trace");

            SpanData consumed = awaitSpan(PROCESS_SPAN, eventId);
            SpanData handled = awaitSpan(TracedEventHandler.SPAN, s -> user.toString().equals(
                    s.getAttributes().get(AttributeKey.stringKey("kaigi.user_id"))));
            SpanData request = awaitSpan("the request span", s -> s.getSpanId().equals(requestSpanId));

            assertEquals(SpanKind.SERVER, request.getKind());
            assertEquals(SpanKind.CONSUMER, consumed.getKind());
            assertEquals(traceId, consumed.getTraceId());
            assertEquals(traceId, handled.getTraceId());
            assertEquals(consumed.getSpanId(), handled.getParentSpanId(), "the handler's span is a child of the event's");
            assertTrue(descendsFrom(consumed, requestSpanId), "the event's span descends from the request span");
            assertEquals("kafka", consumed.getAttributes().get(AttributeKey.stringKey("messaging.system")));
            assertEquals(Topics.USER, consumed.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")));
            assertEquals("chassis-test", consumed.getAttributes().get(AttributeKey.stringKey("messaging.consumer.group.name")));
        }
    }

    @Test
    @DisplayName("Tracing: a redelivered event (same ce_id) gets its span in the same trace, marked a duplicate; it does not fork the trace")
    void redeliveredEventStaysInItsTrace() {
        UUID user = UUID.randomUUID();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            String eventId = given().post("/api/v1/probe/deactivations/" + user).then().statusCode(200)
                    .extract().jsonPath().getString("eventId");
            ReceivedEvent event = probe.await(EventTypes.USER_DEACTIVATED, user.toString(), WAIT);
            SpanData first = awaitSpan(PROCESS_SPAN, eventId);

            TestEvents.redeliver(event);

            SpanData again = awaitSpan("the redelivered event's span", s -> PROCESS_SPAN.equals(s.getName())
                    && eventId.equals(s.getAttributes().get(MESSAGE_ID)) && !s.getSpanId().equals(first.getSpanId()));
            assertEquals(first.getTraceId(), again.getTraceId());
            assertEquals(first.getParentSpanId(), again.getParentSpanId());
            assertEquals(Boolean.TRUE, again.getAttributes().get(DUPLICATE));
            assertEquals(1, spans.getFinishedSpanItems().stream().filter(s -> TracedEventHandler.SPAN.equals(s.getName())
                    && user.toString().equals(s.getAttributes().get(AttributeKey.stringKey("kaigi.user_id")))).count(),
                    "the handler ran once");
        }
    }

    @Test
    @DisplayName("Tracing: events applied in a run, in one transaction, each get a span of their own in their own trace; one without a trace starts one")
    void eventsOfARunKeepTheirOwnTraces() {
        UUID user = UUID.randomUUID();
        List<String> parents = List.of(traceparent(), traceparent(), traceparent(), "");
        List<ConsumerRecord<String, byte[]>> run = new ArrayList<>();
        for (String parent : parents) {
            run.add(record(user, parent, run.size()));
        }

        dispatcher.dispatchAll(EventConsumer.MAIN, run);

        for (int i = 0; i < 3; i++) {
            SpanData span = awaitSpan(PROCESS_SPAN, id(run.get(i)));
            String[] parent = parents.get(i).split("-");
            assertEquals(parent[1], span.getTraceId(), "event " + i + " continues its own trace");
            assertEquals(parent[2], span.getParentSpanId());
            assertTrue(span.getParentSpanContext().isRemote());
        }
        SpanData fresh = awaitSpan(PROCESS_SPAN, id(run.get(3)));
        assertFalse(fresh.getParentSpanContext().isValid(), "an event without ce_traceparent starts a trace");
        assertTrue(parents.stream().noneMatch(p -> p.contains(fresh.getTraceId())));
    }

    @Test
    @DisplayName("Tracing: events recorded together (Outbox.publishAll) each carry the trace of the change")
    void bulkPublishCarriesTheTrace() {
        List<UUID> users = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Span change = tracer.spanBuilder("bulk change").startSpan();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            try (Scope ignored = change.makeCurrent()) {
                QuarkusTransaction.requiringNew().run(() -> outbox.publishAll(users.stream()
                        .map(TracingTest::deactivated).toList()));
            } finally {
                change.end();
            }
            for (UUID user : users) {
                String[] traceparent = probe.await(EventTypes.USER_DEACTIVATED, user.toString(), WAIT)
                        .header(CloudEventHeaders.TRACE_PARENT).split("-");
                assertEquals(change.getSpanContext().getTraceId(), traceparent[1]);
                assertEquals(change.getSpanContext().getSpanId(), traceparent[2]);
            }
        }
    }

    @Test
    @DisplayName("Tracing: an event recorded outside any trace is sent without ce_traceparent")
    void untracedChangeSendsNoTraceHeaders() {
        UUID user = UUID.randomUUID();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            // a background job's change: no span is current on this thread
            assertFalse(Span.current().getSpanContext().isValid());
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(deactivated(user)));
            ReceivedEvent event = probe.await(EventTypes.USER_DEACTIVATED, user.toString(), WAIT);
            assertEquals(null, event.header(CloudEventHeaders.TRACE_PARENT));
            assertEquals(null, event.header(CloudEventHeaders.TRACE_STATE));
        }
    }

    private SpanData awaitSpan(String name, String eventId) {
        return awaitSpan(name + " of event " + eventId,
                s -> name.equals(s.getName()) && eventId.equals(s.getAttributes().get(MESSAGE_ID)));
    }

    private SpanData awaitSpan(String what, java.util.function.Predicate<SpanData> match) {
        SpanData[] found = {null};
        Await.until(what + " to be exported", () -> {
            Optional<SpanData> span = spans.getFinishedSpanItems().stream().filter(match).findFirst();
            span.ifPresent(s -> found[0] = s);
            return span.isPresent();
        }, WAIT);
        return found[0];
    }

    /** Whether {@code ancestorId} is {@code span}'s parent, or its parent's, and so on among the exported spans. */
    private boolean descendsFrom(SpanData span, String ancestorId) {
        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData current = span;
        for (int depth = 0; depth < 20 && current != null; depth++) {
            if (ancestorId.equals(current.getParentSpanId())) {
                return true;
            }
            String parentId = current.getParentSpanId();
            current = all.stream().filter(s -> s.getSpanId().equals(parentId)).findFirst().orElse(null);
        }
        return false;
    }

    /** A user-deactivated record as the consumer polls it, in the trace {@code traceparent} unless that is empty. */
    private ConsumerRecord<String, byte[]> record(UUID user, String traceparent, long offset) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.USER, 0, offset, user.toString(),
                json.write(deactivated(user)).getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.TYPE, EventTypes.USER_DEACTIVATED.name());
        header(record, CloudEventHeaders.SOURCE, "/user-service");
        header(record, CloudEventHeaders.SUBJECT, user.toString());
        if (!traceparent.isEmpty()) {
            header(record, CloudEventHeaders.TRACE_PARENT, traceparent);
        }
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String id(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
    }

    private static UserDeactivated deactivated(UUID user) {
        return new UserDeactivated(UUID.randomUUID(), user, UserType.REGULAR, null, DeactivationReason.ADMIN);
    }

    /** A sampled W3C traceparent of a trace made up here, as another service would send. */
    private static String traceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
