package dev.kaigi.integration.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A rotated secret (HOOK-02), shown only now. Until {@code previousSecretExpiresAt} every delivery carries a
 * signature with each secret, so receivers can switch to the new one at their pace.
 */
@Schema(name = "WebhookSecretRotation")
public record WebhookSecretRotation(String secret, Instant previousSecretExpiresAt) {
}
