package dev.kaigi.integration.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.integration.provider.LastProviderCalls;
import dev.kaigi.integration.provider.ProviderHttp;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.ProviderTimeoutException;
import dev.kaigi.integration.provider.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import dev.kaigi.integration.provider.ProviderCalls;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Zoom's user-level OAuth and the API calls we make, in Zoom's documented shapes. Token calls are
 * not retried (an authorization code and a rotating refresh token are single use); the reads and the
 * meeting calls are retried with exponential backoff on outages ({@link ProviderCalls}), a creation only
 * when Zoom surely did not make the meeting: Zoom takes no idempotency key, so a creation that may have
 * happened is looked up by the marker it wrote into the agenda ({@link #findMeeting}). One circuit breaker
 * per call trips on outages only, never on a refusal. Tokens are passed in and out, never logged.
 */
@ApplicationScoped
public class ZoomClient {

    static final String PROVIDER = "zoom";
    private static final int AGENDA_MAX = 2000;
    private static final int MAX_PAGES = 10;
    private static final DateTimeFormatter ZOOM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ZoomConfig config;
    private final ProviderHttp http;

    @Inject
    public ZoomClient(ZoomConfig config, ObjectMapper json, LastProviderCalls lastCalls) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(),
                config.maxRetryAfterWait(), json, lastCalls);
    }

    public record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {
        @Override
        public String toString() {
            return "Tokens[redacted, expiresAt=" + expiresAt + "]";
        }
    }

    public record ZoomUser(String id, String email, String accountId) {
    }

    public record Meeting(long id, String joinUrl) {
    }

    /** The page the user signs in to Zoom on and grants our app access. */
    public String authorizeUrl(String state) {
        return base(config.oauthUrl()) + "/oauth/authorize?response_type=code&client_id="
                + ProviderHttp.encode(config.clientId()) + "&redirect_uri=" + ProviderHttp.encode(config.redirectUri())
                + "&state=" + ProviderHttp.encode(state);
    }

    /** {@code POST /oauth/token} with {@code grant_type=authorization_code}. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public Tokens exchangeCode(String code) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", config.redirectUri()));
    }

    /** {@code POST /oauth/token} with {@code grant_type=refresh_token}; Zoom answers a new refresh token too. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public Tokens refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** {@code POST /oauth/revoke}: best effort when a user disconnects. */
    public void revoke(String accessToken) {
        http.send(http.request(base(config.oauthUrl()) + "/oauth/revoke")
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ProviderHttp.formBody(Map.of("token", accessToken))).build());
    }

    /** {@code GET /v2/users/me}: the Zoom user behind the token. */
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public ZoomUser me(String accessToken) {
        JsonNode user = api(http.request(base(config.apiUrl()) + "/v2/users/me")
                .header("Authorization", "Bearer " + accessToken).GET().build());
        String id = user.path("id").asText("");
        String email = user.path("email").asText("");
        if (id.isBlank() || email.isBlank()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        return new ZoomUser(id, email, user.path("account_id").asText(null));
    }

    /** {@code POST /v2/users/me/meetings}: a scheduled meeting (type 2) in the host's account. */
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = {ProviderRejectedException.class, ProviderTimeoutException.class, TimeoutException.class})
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public Meeting createMeeting(String accessToken, String topic, Instant start, Instant end, String timeZone,
                                 String agenda, String marker) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic.length() > 200 ? topic.substring(0, 200) : topic);
        body.put("type", 2);
        body.put("start_time", ZOOM_TIME.format(start));
        body.put("duration", Math.max(1, ChronoUnit.MINUTES.between(start, end)));
        body.put("timezone", timeZone);
        int room = AGENDA_MAX - marker.length() - 1;
        body.put("agenda", (agenda.length() > room ? agenda.substring(0, room) : agenda) + "\n" + marker);
        body.put("settings", Map.of("join_before_host", false, "waiting_room", true));
        JsonNode meeting = api(http.request(base(config.apiUrl()) + "/v2/users/me/meetings")
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .POST(http.jsonBody(body)).build());
        String joinUrl = meeting.path("join_url").asText("");
        if (!joinUrl.startsWith("https://")) {
            throw new ProviderRejectedException(PROVIDER, 201, "unreadable-answer");
        }
        return new Meeting(meeting.path("id").asLong(), joinUrl);
    }

    /**
     * {@code GET /v2/users/me/meetings?type=scheduled}, page by page (at most {@value #MAX_PAGES} of 300): the
     * meeting whose agenda carries {@code marker}, as {@link #createMeeting} wrote it.
     */
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public Optional<Meeting> findMeeting(String accessToken, String marker) {
        String page = "";
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            JsonNode answer = api(http.request(base(config.apiUrl()) + "/v2/users/me/meetings?type=scheduled&page_size=300"
                            + (page.isEmpty() ? "" : "&next_page_token=" + ProviderHttp.encode(page)))
                    .header("Authorization", "Bearer " + accessToken).GET().build());
            for (JsonNode meeting : answer.path("meetings")) {
                if (meeting.path("agenda").asText("").contains(marker)) {
                    return Optional.of(new Meeting(meeting.path("id").asLong(), meeting.path("join_url").asText("")));
                }
            }
            page = answer.path("next_page_token").asText("");
            if (page.isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** {@code PATCH /v2/meetings/{meetingId}}: the meeting's new time (204). */
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public void updateMeeting(String accessToken, long meetingId, Instant start, Instant end, String timeZone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start_time", ZOOM_TIME.format(start));
        body.put("duration", Math.max(1, ChronoUnit.MINUTES.between(start, end)));
        body.put("timezone", timeZone);
        api(http.request(base(config.apiUrl()) + "/v2/meetings/" + meetingId)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .method("PATCH", http.jsonBody(body)).build());
    }

    /**
     * {@code DELETE /v2/meetings/{meetingId}} (204), without Zoom's own cancellation mail: Kaigi tells the lead.
     * A meeting Zoom no longer has (404, code 3001) counts as deleted.
     */
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public void deleteMeeting(String accessToken, long meetingId) {
        ProviderHttp.Answer answer = http.send(http.request(base(config.apiUrl()) + "/v2/meetings/" + meetingId
                        + "?schedule_for_reminder=false&cancel_meeting_reminder=false")
                .header("Authorization", "Bearer " + accessToken).DELETE().build());
        if (answer.status() != 404) {
            answer.ok();
        }
    }

    private JsonNode api(HttpRequest request) {
        return http.send(request).ok();
    }

    private Tokens token(Map<String, String> form) {
        JsonNode token = http.expect(http.request(base(config.oauthUrl()) + "/oauth/token")
                .header("Authorization", basicAuth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ProviderHttp.formBody(form)).build(), 200);
        String access = token.path("access_token").asText("");
        String refresh = token.path("refresh_token").asText("");
        if (access.isBlank() || refresh.isBlank()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        long expiresIn = token.path("expires_in").asLong(3600);
        return new Tokens(access, refresh, Instant.now().plusSeconds(expiresIn), token.path("scope").asText(null));
    }

    private String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
