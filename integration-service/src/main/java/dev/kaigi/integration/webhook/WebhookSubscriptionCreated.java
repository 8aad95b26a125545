package dev.kaigi.integration.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription just created, with its signing secret: the only time the secret is shown (HOOK-01). Keep it to
 * verify the {@code webhook-signature} of each delivery.
 */
@Schema(name = "WebhookSubscriptionCreated")
public record WebhookSubscriptionCreated(UUID id, String url, List<String> eventTypes, String description,
                                         boolean enabled, Instant createdAt,
                                         @Schema(description = "whsec_ and the base64 of 32 random bytes; shown only now")
                                         String secret) {
}
