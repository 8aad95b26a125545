package dev.kaigi.chassis.outbox;

import dev.kaigi.chassis.tracing.TraceContext;

import java.time.Instant;
import java.util.UUID;

/** One stored event waiting for the relay, with the trace context of the change that raised it. */
record OutboxRow(long id, UUID eventId, String topic, String key, String type, String source,
                 String subject, UUID orgId, Instant occurredAt, String payload, TraceContext trace) {
}
