package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.logging.LogContext;
import dev.kaigi.chassis.logging.LogKeys;
import dev.kaigi.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The event being applied, in the logging context of the thread applying it: {@code eventId}, {@code eventType} and
 * the {@code orgId} it is about, for every line its handlers, retries and dead-lettering log. Closing it puts back
 * what the thread held before, so the next event starts clean.
 */
final class EventLogContext {

    private EventLogContext() {
    }

    static LogContext enter(IncomingEvent<?> event) {
        return LogContext.of()
                .with(LogKeys.EVENT_ID, event.id())
                .with(LogKeys.EVENT_TYPE, event.type())
                .with(LogKeys.ORG_ID, event.orgId())
                .enter();
    }

    /** From the record's CloudEvents headers, before it is read (or when it cannot be). */
    static LogContext enter(ConsumerRecord<String, byte[]> record) {
        return LogContext.of()
                .with(LogKeys.EVENT_ID, EventDispatcher.header(record, CloudEventHeaders.ID))
                .with(LogKeys.EVENT_TYPE, EventDispatcher.header(record, CloudEventHeaders.TYPE))
                .with(LogKeys.ORG_ID, EventDispatcher.header(record, CloudEventHeaders.ORG_ID))
                .enter();
    }
}
