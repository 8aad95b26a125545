package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test subscriber of user-deactivated (batchable) that does what a real handler's provider call does for tracing: it
 * opens a span of its own, {@value #SPAN}, which must land under the event's CONSUMER span.
 */
@ApplicationScoped
public class TracedEventHandler implements EventSubscriber {

    public static final String SPAN = "test handler work";

    @Inject
    Tracer tracer;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.USER_DEACTIVATED, e -> {
            Span work = tracer.spanBuilder(SPAN).setAttribute("kaigi.user_id", e.data().userId().toString()).startSpan();
            work.end();
        }).batchable();
    }
}
