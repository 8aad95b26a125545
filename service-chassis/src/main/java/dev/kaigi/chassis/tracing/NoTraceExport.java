package dev.kaigi.chassis.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;

import java.util.Collection;

/**
 * Where spans go when no OTLP collector is configured ({@code KAIGI_OTLP_ENDPOINT} unset): nowhere. Quarkus falls
 * back to {@code localhost:4317} when its endpoint is empty and would log a failed export every few seconds, but it
 * leaves its OTLP exporter out whenever a {@link SpanExporter} bean can be looked up; this one can be only while the
 * endpoint is unset. Spans are still made, so trace ids reach the logs and the next service.
 */
@Singleton
@Unremovable
@LookupIfProperty(name = NoTraceExport.ENDPOINT, stringValue = "", lookupIfMissing = true)
public class NoTraceExport implements SpanExporter {

    /** The collector spans are exported to: {@code KAIGI_OTLP_ENDPOINT}, also given to Quarkus' exporter. */
    static final String ENDPOINT = "kaigi.tracing.otlp-endpoint";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
