package dev.kaigi.user.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An audit event as the API shows it. */
@Schema(name = "AuditEvent")
public record AuditEventView(UUID id, UUID actorUserId, AuditLog.Action action, UUID targetUserId,
                             JsonNode before, JsonNode after, Instant occurredAt) {
}
