package dev.kaigi.chassis.audit;

import dev.kaigi.events.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * One recorded change as {@code GET /api/v1/audit-events} shows it: user-service's audit event, plus
 * the acting client where no user acted and the changed record where it is not a user. The fields
 * taken from user-service keep its schema exactly (no descriptions on referenced types), so one
 * client model reads both.
 */
@Schema(name = "AuditEvent")
public record AuditEventView(
        UUID id,
        @Nullable UUID actorUserId,
        @Schema(description = "The OAuth client that made the change where no user acted (a partner integration or a service)")
        @Nullable String actorClientId,
        @Schema(description = "What was done, one of the service's actions", example = "PLAN_CHANGED")
        String action,
        @Nullable UUID targetUserId,
        @Nullable UUID targetId,
        @Nullable JsonNode before,
        @Nullable JsonNode after,
        Instant occurredAt) {
}
