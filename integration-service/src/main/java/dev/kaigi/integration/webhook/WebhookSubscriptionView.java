package dev.kaigi.integration.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as its owner sees it; never its secret.
 *
 * @param disabledReason why the service switched it off: {@code GONE} (the endpoint answered 410) or {@code FAILING}
 *                       (every delivery failed for three days); null when it is on or was switched off by hand
 * @param failingSince   the first failed attempt since the last delivered one; null while deliveries succeed
 * @param previousSecretExpiresAt until when the secret before the last rotation still signs too; null when none does
 */
@Schema(name = "WebhookSubscription")
public record WebhookSubscriptionView(UUID id, String url, List<String> eventTypes, String description, boolean enabled,
                                      String disabledReason, Instant failingSince, Instant previousSecretExpiresAt,
                                      Instant createdAt, Instant updatedAt) {
}
