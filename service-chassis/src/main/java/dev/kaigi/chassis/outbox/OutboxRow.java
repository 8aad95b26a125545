package dev.kaigi.chassis.outbox;

import java.time.Instant;
import java.util.UUID;

/** One stored event waiting for the relay. */
record OutboxRow(long id, UUID eventId, String topic, String key, String type, String source,
                 String subject, UUID orgId, Instant occurredAt, String payload) {
}
