package dev.kaigi.chassis.outbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.tracing.TraceContext;
import dev.kaigi.chassis.tx.AfterCommit;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How a service publishes an event (EVT-02): {@link #publish} stores it in the caller's
 * transaction, and the {@link OutboxRelay} sends it to Kafka once that transaction has committed.
 * A rolled-back change therefore never announces anything, and a committed one is never lost. Each
 * event carries the trace context current when it was recorded (the CloudEvents distributed-tracing
 * extension), so its consumers continue the trace of the change. A
 * hot path that writes its change in one auto-commit statement, without JTA, inserts the row in
 * that statement instead ({@link dev.kaigi.chassis.outbox.autocommit.AutoCommitOutbox}).
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_KEY = new Object();

    private final OutboxStore store;
    private final EventJson json;
    private final ServiceIdentity service;
    private final OutboxRelay relay;
    private final AfterCommit afterCommit;

    @Inject
    public Outbox(OutboxStore store, EventJson json, ServiceIdentity service, OutboxRelay relay,
                  AfterCommit afterCommit) {
        this.store = store;
        this.json = json;
        this.service = service;
        this.relay = relay;
        this.afterCommit = afterCommit;
    }

    /**
     * Records {@code payload} as an event of its organization; must run inside a transaction.
     *
     * @return the event id ({@code ce_id}) consumers de-duplicate on
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends EventPayload> UUID publish(P payload) {
        OutboxRow row = row(payload, Instant.now(), TraceContext.current());
        store.insert(row);
        wakeRelayAfterCommit();
        return row.eventId();
    }

    /**
     * Records several events in one database round trip (bulk operations such as a CSV import),
     * in list order; must run inside a transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<? extends EventPayload> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        List<OutboxRow> rows = new ArrayList<>(payloads.size());
        Instant now = Instant.now();
        TraceContext trace = TraceContext.current();
        for (EventPayload payload : payloads) {
            rows.add(row(payload, now, trace));
        }
        store.insertAll(rows);
        wakeRelayAfterCommit();
    }

    @SuppressWarnings("unchecked")
    private <P extends EventPayload> OutboxRow row(P payload, Instant occurredAt, TraceContext trace) {
        EventType<P> type = EventTypes.of((Class<P>) payload.getClass());
        String key = payload.partitionKey();
        return new OutboxRow(0, UUID.randomUUID(), type.topic(), key, type.name(), service.eventSource(), key,
                payload.orgId(), occurredAt, json.write(payload), trace);
    }

    /** The relay would find the row on its next poll anyway; waking it right after commit cuts the latency to milliseconds. */
    private void wakeRelayAfterCommit() {
        afterCommit.once(WAKE_KEY, relay::wakeUp);
    }
}
