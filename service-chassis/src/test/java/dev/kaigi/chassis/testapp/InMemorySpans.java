package dev.kaigi.chassis.testapp;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans the test app finishes, kept in memory for the tests to read: a {@code SpanExporter} bean is exported to
 * by Quarkus' OpenTelemetry SDK, and takes the place of the OTLP exporter, so test runs send nothing anywhere.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
