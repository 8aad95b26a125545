package dev.kaigi.chassis.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A W3C trace context as the CloudEvents distributed-tracing extension carries it: {@code traceparent} and
 * {@code tracestate}, both null outside any trace. Always W3C, whatever propagators the service configures for HTTP,
 * because that is the format the extension names.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final TraceContext NONE = new TraceContext(null, null);

    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    /** The context of the span current on this thread: what an event recorded now belongs to. */
    public static TraceContext current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.containsKey(TRACEPARENT) ? new TraceContext(carrier.get(TRACEPARENT), carrier.get(TRACESTATE)) : NONE;
    }

    /** The remote context to parent a span on: the root context (a new trace) when there is none or it is unreadable. */
    public Context asParent() {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), this, FIELDS);
    }

    private static final TextMapGetter<TraceContext> FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case TRACEPARENT -> carrier.traceparent();
                case TRACESTATE -> carrier.tracestate();
                default -> null;
            };
        }
    };
}
