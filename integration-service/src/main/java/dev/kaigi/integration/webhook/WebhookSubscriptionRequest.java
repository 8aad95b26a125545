package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.text.SingleLine;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A subscription as created or replaced (HOOK-01).
 *
 * @param url        HTTPS (HTTP only where the deployment allows it); its host must not resolve to a loopback,
 *                   private, link-local or metadata address (HOOK-04)
 * @param eventTypes which events to receive, e.g. {@code meeting.booked}
 * @param enabled    true when absent
 */
@Schema(name = "WebhookSubscriptionRequest")
public record WebhookSubscriptionRequest(
        @NotNull @Size(max = WebhookTargets.MAX_URL_LENGTH) @SingleLine String url,
        @NotEmpty @Size(max = 10) List<@NotNull String> eventTypes,
        @Size(max = 500) @SingleLine String description,
        Boolean enabled) {
}
