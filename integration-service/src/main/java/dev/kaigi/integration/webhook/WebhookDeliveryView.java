package dev.kaigi.integration.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to a subscription, in its delivery log (HOOK-03).
 *
 * @param webhookId     the {@code webhook-id} header of every attempt
 * @param subjectId     the booking or user the event is about; one subject's deliveries go in order (HOOK-04)
 * @param status        PENDING (being sent or waiting for a retry), DELIVERED (answered 2xx) or FAILED (given up)
 * @param nextAttemptAt when a PENDING delivery is tried next; null otherwise
 * @param lastStatusCode the HTTP status of the last answer; null before any answer
 */
@Schema(name = "WebhookDelivery")
public record WebhookDeliveryView(UUID id, String webhookId, String eventType, UUID subjectId, String status,
                                  int attempts, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt,
                                  Integer lastStatusCode, Instant deliveredAt) {
}
