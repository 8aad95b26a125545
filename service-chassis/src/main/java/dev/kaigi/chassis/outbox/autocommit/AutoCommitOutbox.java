package dev.kaigi.chassis.outbox.autocommit;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.outbox.EventJson;
import dev.kaigi.chassis.outbox.OutboxRelay;
import dev.kaigi.chassis.tracing.TraceContext;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * The outbox for a hot path that runs without JTA: one auto-commit statement writes the change and
 * its event together (scheduling-service's booking writes counter, booking and event so, in one
 * round trip). {@link dev.kaigi.chassis.outbox.Outbox#publish} is the way everywhere else; use
 * this only where a measured round trip or JTA's cost matters.
 * <p>
 * The statement inserts the event itself, from the parameters an {@link EventRow} binds:
 * <pre>
 * insert into outbox (event_id, topic, event_key, event_type, source, subject, org_id, occurred_at, payload,
 *                     traceparent, tracestate)
 * select :event_id, :event_topic, :event_key, :event_type, :event_source, :event_subject, :event_org_id,
 *        :event_occurred_at, cast(:event_payload as jsonb), :event_traceparent, :event_tracestate
 * from the_cte_that_wrote_the_change
 * </pre>
 * Selecting from the change's rows means a statement that changed nothing announces nothing. The
 * statement may compute the key, subject or payload fields from its rows instead (a booking knows
 * its host only there), leaving those parameters out. After it committed, call {@link #committed()}.
 */
@ApplicationScoped
public class AutoCommitOutbox {

    private final EventJson json;
    private final ServiceIdentity service;
    private final OutboxRelay relay;

    @Inject
    public AutoCommitOutbox(EventJson json, ServiceIdentity service, OutboxRelay relay) {
        this.json = json;
        this.service = service;
        this.relay = relay;
    }

    /** {@code payload} as the values of its outbox row, for the caller's statement to insert. */
    public <P extends EventPayload> EventRow row(P payload) {
        @SuppressWarnings("unchecked")
        EventType<P> type = EventTypes.of((Class<P>) payload.getClass());
        String key = payload.partitionKey();
        return new EventRow(UUID.randomUUID(), type.topic(), key, type.name(), service.eventSource(), key, payload.orgId(),
                Instant.now(), json.write(payload), TraceContext.current());
    }

    /** After the statement committed: the relay sends the event at once instead of on its next poll. */
    public void committed() {
        relay.wakeUp();
    }
}
