package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The CONSUMER span of each event a consumer applies: a child of the trace context the event carries
 * ({@code ce_traceparent}), so what a handler does (its REST calls, its own spans) joins the trace of the change that
 * raised the event, and a redelivered event lands in that same trace instead of starting one. The span is current
 * while the handlers run.
 */
@ApplicationScoped
class EventSpans {

    private final Tracer tracer;
    private final ConsumerConfig config;
    private final ServiceIdentity service;

    @Inject
    EventSpans(Tracer tracer, ConsumerConfig config, ServiceIdentity service) {
        this.tracer = tracer;
        this.config = config;
        this.service = service;
    }

    /** Runs {@code work} (applying {@code event}) inside the event's span; a failure is recorded on it and rethrown. */
    void process(String consumer, IncomingEvent<?> event, TraceContext trace, Runnable work) {
        Span span = tracer.spanBuilder(event.type() + " process")
                .setParent(trace.asParent())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", event.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(event.partition()))
                .setAttribute("messaging.kafka.offset", event.offset())
                .setAttribute("messaging.consumer.group.name", EventConsumer.groupId(config, service, consumer))
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
