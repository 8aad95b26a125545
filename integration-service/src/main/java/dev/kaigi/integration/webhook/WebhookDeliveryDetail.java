package dev.kaigi.integration.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A delivery with the body it sends and each attempt made (HOOK-03). */
@Schema(name = "WebhookDeliveryDetail")
public record WebhookDeliveryDetail(WebhookDeliveryView delivery,
                                    @Schema(implementation = WebhookMessage.class) JsonNode payload,
                                    List<Attempt> attempts) {

    /**
     * One attempt.
     *
     * @param statusCode      the endpoint's HTTP status; null when no answer came (see {@code error})
     * @param error           why no answer came: a timeout, a refused connection, an address refused (HOOK-04)
     * @param responseExcerpt the first kilobyte of the answer's body
     * @param byHand          sent again by hand
     */
    @Schema(name = "WebhookDeliveryAttempt")
    public record Attempt(int attempt, java.time.Instant startedAt, long latencyMillis, Integer statusCode,
                          String error, String responseExcerpt, boolean byHand) {
    }
}
