package dev.kaigi.integration.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.integration.provider.ProviderHttp;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.Map;
import java.util.Set;

/**
 * Slack's Web API {@code chat.postMessage}. Slack answers HTTP 200 with {@code "ok": false} and an error
 * code for most failures: the ones that clear up by waiting are {@link ProviderUnavailableException},
 * the others (a channel or user not found, a revoked token) {@link ProviderRejectedException}.
 */
@ApplicationScoped
public class SlackClient {

    static final String PROVIDER = "slack";
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "service_unavailable", "fatal_error",
            "internal_error", "request_timeout", "team_added_to_org");

    private final SlackConfig config;
    private final ProviderHttp http;

    @Inject
    public SlackClient(SlackConfig config, ObjectMapper json) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(),
                config.maxRetryAfterWait(), json);
    }

    public boolean enabled() {
        return config.botToken().filter(t -> !t.isBlank()).isPresent();
    }

    /** Posts {@code text} (already in Slack's format) to the configured channel or to {@code memberId}; returns the message ts. */
    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public String postMessage(String memberId, String text) {
        String channel = config.channel().filter(c -> !c.isBlank()).orElse(memberId);
        JsonNode answer = http.expect(http.request(config.apiUrl().replaceAll("/+$", "") + "/api/chat.postMessage")
                .header("Authorization", "Bearer " + config.botToken().orElseThrow())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(http.jsonBody(Map.of("channel", channel, "text", text, "unfurl_links", false)))
                .build(), 200);
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("unknown_error");
            if (TRANSIENT_ERRORS.contains(error)) {
                throw new ProviderUnavailableException(PROVIDER, "chat.postMessage: " + error);
            }
            throw new ProviderRejectedException(PROVIDER, 200, error);
        }
        return answer.path("ts").asText(null);
    }
}
