package dev.kaigi.integration.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.LinkedAccount;
import dev.kaigi.integration.connection.OAuthTokens;
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
import dev.kaigi.integration.provider.ProviderCalls;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google's OAuth 2.0 web server flow and Calendar API v3 in their documented shapes: {@code freeBusy} for busy
 * times (up to 50 calendars a request) and {@code events.insert} with our own event id, so a repeated insert
 * answers 409 {@code duplicate} instead of writing a second copy. Tokens are passed in and out, never logged.
 */
@ApplicationScoped
public class GoogleCalendarClient implements CalendarApi {

    static final String PROVIDER = "google";
    private static final String SCOPES = "openid email https://www.googleapis.com/auth/calendar.events"
            + " https://www.googleapis.com/auth/calendar.freebusy";

    private final CalendarConfig.Google config;
    private final String redirectUri;
    private final ProviderHttp http;

    @Inject
    public GoogleCalendarClient(CalendarConfig config, ObjectMapper json, LastProviderCalls lastCalls) {
        this.config = config.google();
        this.redirectUri = config.redirectUri();
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(), config.maxRetryAfterWait(),
                json, lastCalls);
    }

    @Override
    public Provider provider() {
        return Provider.GOOGLE;
    }

    @Override
    public int busyBatchSize() {
        return config.freeBusyBatch();
    }

    /** {@code access_type=offline} and {@code prompt=consent}: Google hands out a refresh token only then. */
    @Override
    public void requireConfigured() {
        ProviderSetup.requireConfigured(provider(), config.clientId(), "KAIGI_GOOGLE_CLIENT_ID");
    }

    @Override
    public String authorizeUrl(String state) {
        return base(config.authUrl()) + "/o/oauth2/v2/auth?response_type=code&client_id=" + ProviderHttp.encode(config.clientId())
                + "&redirect_uri=" + ProviderHttp.encode(redirectUri) + "&scope=" + ProviderHttp.encode(SCOPES)
                + "&access_type=offline&prompt=consent&state=" + ProviderHttp.encode(state);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public OAuthTokens exchangeCode(String code) {
        return OAuthTokens.request(http, PROVIDER, base(config.tokenUrl()) + "/token", config.clientId(),
                config.clientSecret(), Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri));
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public OAuthTokens refresh(String refreshToken) {
        return OAuthTokens.request(http, PROVIDER, base(config.tokenUrl()) + "/token", config.clientId(),
                config.clientSecret(), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** {@code GET /oauth2/v3/userinfo}: the Google account ({@code sub}) and its email. */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public LinkedAccount account(OAuthTokens tokens) {
        JsonNode user = api(http.request(base(config.apiUrl()) + "/oauth2/v3/userinfo")
                .header("Authorization", "Bearer " + tokens.accessToken()).GET().build());
        return CalendarAnswers.account(PROVIDER, user.path("sub").asText(""), user.path("email").asText(""));
    }

    /** {@code POST /revoke}: revoking the refresh token ends the whole grant. */
    @Override
    public void revoke(String accessToken, String refreshToken) {
        String token = refreshToken != null ? refreshToken : accessToken;
        if (token != null) {
            http.send(http.request(base(config.tokenUrl()) + "/revoke")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(ProviderHttp.formBody(Map.of("token", token))).build());
        }
    }

    /** {@code POST /calendar/v3/freeBusy}; a calendar answered with {@code errors} (not shared, not found) is left out. */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public Map<String, List<BusyInterval>> busy(ConnectionAccess.Token token, List<String> calendars, Instant from, Instant to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeMin", from.toString());
        body.put("timeMax", to.toString());
        body.put("timeZone", "UTC");
        body.put("items", calendars.stream().map(id -> Map.of("id", id)).toList());
        JsonNode answer = api(http.request(base(config.apiUrl()) + "/calendar/v3/freeBusy")
                .header("Authorization", "Bearer " + token.accessToken()).header("Content-Type", "application/json")
                .POST(http.jsonBody(body)).build());
        JsonNode answered = answer.path("calendars");
        if (!answered.isObject()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        Map<String, List<BusyInterval>> busy = new LinkedHashMap<>();
        for (String id : calendars) {
            JsonNode calendar = answered.get(id);
            if (calendar == null || calendar.path("errors").size() > 0) {
                continue;
            }
            List<BusyInterval> intervals = new ArrayList<>();
            for (JsonNode b : calendar.path("busy")) {
                intervals.add(new BusyInterval(instant(b.path("start").asText("")), instant(b.path("end").asText(""))));
            }
            busy.put(id, intervals);
        }
        return busy;
    }

    /** {@code POST /calendar/v3/calendars/primary/events}, no invitation mails (Kaigi sends its own). */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public String writeEvent(ConnectionAccess.Token token, CalendarEvent event) {
        Map<String, Object> body = body(event);
        body.put("id", event.key()); // base32hex: a UUID's hex digits qualify
        ProviderHttp.Answer answer = http.send(http.request(events(null))
                .header("Authorization", "Bearer " + token.accessToken()).header("Content-Type", "application/json")
                .POST(http.jsonBody(body)).build());
        if (answer.status() == 409) {
            return event.key(); // written before (a retry after a lost answer): Google refuses the same id twice
        }
        JsonNode created = answer.ok();
        String id = created.path("id").asText("");
        if (id.isBlank()) {
            throw new ProviderRejectedException(PROVIDER, answer.status(), "unreadable-answer");
        }
        return id;
    }

    /** {@code PATCH /calendar/v3/calendars/primary/events/{eventId}}: the fields we wrote, no update mails. */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public void updateEvent(ConnectionAccess.Token token, String eventId, CalendarEvent event) {
        http.send(http.request(events(eventId)).header("Authorization", "Bearer " + token.accessToken())
                .header("Content-Type", "application/json")
                .method("PATCH", http.jsonBody(body(event))).build()).ok();
    }

    /** {@code DELETE /calendar/v3/calendars/primary/events/{eventId}}: 204; 404 or 410 Gone when it is gone already. */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public void deleteEvent(ConnectionAccess.Token token, String eventId) {
        ProviderHttp.Answer answer = http.send(http.request(events(eventId))
                .header("Authorization", "Bearer " + token.accessToken()).DELETE().build());
        if (answer.status() != 404 && answer.status() != 410) {
            answer.ok();
        }
    }

    /** The event as Google takes it: the host's zone for the times, the lead invited. */
    private static Map<String, Object> body(CalendarEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", event.title());
        body.put("description", event.description());
        body.put("location", event.location() == null ? "" : event.location());
        body.put("start", Map.of("dateTime", event.start().toString(), "timeZone", event.timeZone()));
        body.put("end", Map.of("dateTime", event.end().toString(), "timeZone", event.timeZone()));
        body.put("attendees", List.of(Map.of("email", event.attendeeEmail(), "displayName", event.attendeeName())));
        return body;
    }

    /** The primary calendar's events, or one of them; {@code sendUpdates=none}: Kaigi mails the lead itself. */
    private String events(String eventId) {
        return base(config.apiUrl()) + "/calendar/v3/calendars/primary/events"
                + (eventId == null ? "" : "/" + ProviderHttp.encode(eventId)) + "?sendUpdates=none";
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
    }

    private JsonNode api(HttpRequest request) {
        return http.send(request).ok();
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
