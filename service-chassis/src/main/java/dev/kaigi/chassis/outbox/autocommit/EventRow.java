package dev.kaigi.chassis.outbox.autocommit;

import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.chassis.tracing.TraceContext;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The values of one outbox row, bound by name into a statement of the service's own (see
 * {@link AutoCommitOutbox}): {@code :event_id}, {@code :event_topic}, {@code :event_key},
 * {@code :event_type}, {@code :event_source}, {@code :event_subject}, {@code :event_org_id},
 * {@code :event_occurred_at}, {@code :event_payload}, {@code :event_traceparent}, {@code :event_tracestate}.
 */
public record EventRow(UUID eventId, String topic, String key, String type, String source, String subject, UUID orgId,
                       Instant occurredAt, String payload, TraceContext trace) {

    /** Binds the parameters {@code statement} has; those it computes itself (key, subject) it leaves out. */
    public void bind(NamedStatement statement) throws SQLException {
        statement.set("event_id", eventId);
        statement.setString("event_topic", topic);
        statement.setString("event_type", type);
        statement.setString("event_source", source);
        statement.set("event_org_id", orgId);
        statement.setInstant("event_occurred_at", occurredAt);
        statement.setString("event_payload", payload);
        // bound whether or not there is a trace, so a statement that forgot the columns fails instead of cutting traces
        statement.setString("event_traceparent", trace.traceparent());
        statement.setString("event_tracestate", trace.tracestate());
        if (statement.has("event_key")) {
            statement.setString("event_key", key);
        }
        if (statement.has("event_subject")) {
            statement.setString("event_subject", subject);
        }
    }
}
