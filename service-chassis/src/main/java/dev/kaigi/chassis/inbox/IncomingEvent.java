package dev.kaigi.chassis.inbox;

import java.time.Instant;
import java.util.UUID;

/** A received event with its CloudEvents attributes and its typed payload. */
public record IncomingEvent<P>(UUID id, String type, String source, String subject, Instant time,
                               UUID orgId, P data, String topic, int partition, long offset) {
}
