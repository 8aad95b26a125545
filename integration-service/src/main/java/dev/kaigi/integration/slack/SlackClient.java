package dev.kaigi.integration.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderSetup;
import dev.kaigi.integration.provider.LastProviderCalls;
import dev.kaigi.integration.provider.ProviderHttp;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Slack's OAuth v2 install ({@code /oauth/v2/authorize}, {@code oauth.v2.access}), {@code chat.postMessage} and
 * {@code auth.revoke}, in their documented shapes. Slack answers HTTP 200 with {@code "ok": false} and an error code
 * for most failures: the ones that clear up by waiting are {@link ProviderUnavailableException}, the others (a code
 * already used, a channel not found, a revoked token) {@link ProviderRejectedException} with Slack's code as reason.
 * Tokens are passed in and out, never logged.
 */
@ApplicationScoped
public class SlackClient {

    static final String PROVIDER = "slack";
    /** The bot scope mentions need: posting to the host's DM with the app. A {@code <@MEMBERID>} needs no scope. */
    static final String BOT_SCOPES = "chat:write";
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "service_unavailable", "fatal_error",
            "internal_error", "request_timeout", "team_added_to_org");
    /** Errors of a bot token Slack no longer accepts: the app was uninstalled or the token revoked there. */
    private static final Set<String> TOKEN_GONE_ERRORS = Set.of("invalid_auth", "token_revoked", "account_inactive",
            "token_expired", "not_authed");

    private final SlackConfig config;
    private final ProviderHttp http;

    @Inject
    public SlackClient(SlackConfig config, ObjectMapper json, LastProviderCalls lastCalls) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(),
                config.maxRetryAfterWait(), json, lastCalls);
    }

    /** What {@code oauth.v2.access} answered for an install: the workspace and its bot. */
    public record Installed(String botToken, String scope, String botUserId, String appId, String teamId,
                            String teamName, String enterpriseId) {
        @Override
        public String toString() {
            return "Installed[redacted, team=" + teamId + "]";
        }
    }

    /** True when {@code e} says the bot token is no longer accepted, so the installation is gone (INT-10). */
    public static boolean tokenGone(ProviderRejectedException e) {
        return PROVIDER.equals(e.provider()) && e.reason() != null && TOKEN_GONE_ERRORS.contains(e.reason());
    }

    /** 503 {@code provider-not-configured} when this deployment has no Slack app registered. */
    public void requireConfigured() {
        ProviderSetup.requireConfigured(Provider.SLACK, config.clientId(), "KAIGI_SLACK_CLIENT_ID");
    }

    /** The page an OWNER picks the workspace on and allows the app; {@code state} comes back with the code. */
    public String authorizeUrl(String state) {
        return base() + "/oauth/v2/authorize?client_id=" + ProviderHttp.encode(config.clientId()) + "&scope="
                + ProviderHttp.encode(BOT_SCOPES) + "&redirect_uri=" + ProviderHttp.encode(config.redirectUri())
                + "&state=" + ProviderHttp.encode(state);
    }

    /**
     * {@code POST /api/oauth.v2.access} with the client's credentials, the code and the redirect URI in the form.
     * Not retried: a code is single use. An enterprise-wide install (no workspace) is refused as
     * {@code enterprise_install}; an answer without a bot token as {@code unreadable-answer}.
     */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public Installed exchangeCode(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", config.clientId());
        form.put("client_secret", config.clientSecret());
        form.put("code", code);
        form.put("redirect_uri", config.redirectUri());
        JsonNode answer = ok("oauth.v2.access", http.expect(http.request(base() + "/api/oauth.v2.access")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ProviderHttp.formBody(form)).build(), 200));
        if (answer.path("is_enterprise_install").asBoolean(false)) {
            throw new ProviderRejectedException(PROVIDER, 200, "enterprise_install");
        }
        String token = answer.path("access_token").asText("");
        String teamId = answer.path("team").path("id").asText("");
        String botUserId = answer.path("bot_user_id").asText("");
        if (!token.startsWith("xoxb-") || !"bot".equals(answer.path("token_type").asText()) || teamId.isBlank()
                || botUserId.isBlank()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        String enterprise = answer.path("enterprise").path("id").asText("");
        return new Installed(token, answer.path("scope").asText(BOT_SCOPES), botUserId, answer.path("app_id").asText(null),
                teamId, answer.path("team").path("name").asText(teamId), enterprise.isBlank() ? null : enterprise);
    }

    /** Posts {@code text} (already in Slack's format) to {@code channel} (a member ID: the app's DM with them); returns the message ts. */
    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public String postMessage(String botToken, String channel, String text) {
        JsonNode answer = ok("chat.postMessage", http.expect(http.request(base() + "/api/chat.postMessage")
                .header("Authorization", "Bearer " + botToken)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(http.jsonBody(Map.of("channel", channel, "text", text, "unfurl_links", false)))
                .build(), 200));
        return answer.path("ts").asText(null);
    }

    /** {@code POST /api/auth.revoke}: the bot token stops working, which uninstalls the app from the workspace; best effort. */
    public void revoke(String botToken) {
        ok("auth.revoke", http.expect(http.request(base() + "/api/auth.revoke")
                .header("Authorization", "Bearer " + botToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ProviderHttp.formBody(Map.of())).build(), 200));
    }

    private static JsonNode ok(String method, JsonNode answer) {
        if (!answer.path("ok").asBoolean(false)) {
            String error = answer.path("error").asText("unknown_error");
            if (TRANSIENT_ERRORS.contains(error)) {
                throw new ProviderUnavailableException(PROVIDER, method + ": " + error);
            }
            throw new ProviderRejectedException(PROVIDER, 200, error);
        }
        return answer;
    }

    private String base() {
        return config.apiUrl().replaceAll("/+$", "");
    }
}
