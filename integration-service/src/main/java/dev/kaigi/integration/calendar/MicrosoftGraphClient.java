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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Microsoft identity platform's authorization-code flow and Microsoft Graph v1.0 in their documented
 * shapes: {@code calendar/getSchedule} for busy times (about 20 schedules a request) and {@code events} with a
 * {@code transactionId}, so a repeated create does not write a second copy. Graph has no endpoint revoking one
 * app's grant; unlinking drops the tokens. Tokens are passed in and out, never logged.
 */
@ApplicationScoped
public class MicrosoftGraphClient implements CalendarApi {

    static final String PROVIDER = "microsoft";
    private static final String SCOPES = "offline_access openid email User.Read Calendars.ReadWrite Calendars.Read.Shared";
    /** Statuses of a schedule item during which the user cannot take a meeting. */
    private static final Set<String> BUSY = Set.of("busy", "oof", "tentative");

    private final CalendarConfig.Microsoft config;
    private final String redirectUri;
    private final ProviderHttp http;

    @Inject
    public MicrosoftGraphClient(CalendarConfig config, ObjectMapper json, LastProviderCalls lastCalls) {
        this.config = config.microsoft();
        this.redirectUri = config.redirectUri();
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(), config.maxRetryAfterWait(),
                json, lastCalls);
    }

    @Override
    public Provider provider() {
        return Provider.MICROSOFT;
    }

    @Override
    public int busyBatchSize() {
        return config.scheduleBatch();
    }

    @Override
    public void requireConfigured() {
        ProviderSetup.requireConfigured(provider(), config.clientId(), "KAIGI_MICROSOFT_CLIENT_ID");
    }

    @Override
    public String authorizeUrl(String state) {
        return identity() + "/authorize?response_type=code&response_mode=query&client_id=" + ProviderHttp.encode(config.clientId())
                + "&redirect_uri=" + ProviderHttp.encode(redirectUri) + "&scope=" + ProviderHttp.encode(SCOPES)
                + "&state=" + ProviderHttp.encode(state);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public OAuthTokens exchangeCode(String code) {
        return OAuthTokens.request(http, PROVIDER, identity() + "/token", config.clientId(), config.clientSecret(),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri, "scope", SCOPES));
    }

    /** Microsoft rotates refresh tokens: the answer's new one replaces the stored one. */
    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public OAuthTokens refresh(String refreshToken) {
        return OAuthTokens.request(http, PROVIDER, identity() + "/token", config.clientId(), config.clientSecret(),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", SCOPES));
    }

    /** {@code GET /v1.0/me}: the directory object id and the mailbox address (or the sign-in name). */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public LinkedAccount account(OAuthTokens tokens) {
        JsonNode me = api(http.request(graph() + "/me").header("Authorization", "Bearer " + tokens.accessToken()).GET().build());
        String mail = me.path("mail").asText("");
        return CalendarAnswers.account(PROVIDER, me.path("id").asText(""),
                mail.isBlank() ? me.path("userPrincipalName").asText("") : mail);
    }

    /** {@code POST /v1.0/me/calendar/getSchedule} in UTC; a schedule answered with an {@code error} is left out. */
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
        body.put("schedules", calendars);
        body.put("startTime", dateTime(from));
        body.put("endTime", dateTime(to));
        body.put("availabilityViewInterval", 60);
        JsonNode answer = api(http.request(graph() + "/me/calendar/getSchedule")
                .header("Authorization", "Bearer " + token.accessToken()).header("Content-Type", "application/json")
                .header("Prefer", "outlook.timezone=\"UTC\"").POST(http.jsonBody(body)).build());
        JsonNode schedules = answer.path("value");
        if (!schedules.isArray()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        Map<String, String> asked = new LinkedHashMap<>();
        calendars.forEach(c -> asked.put(c.toLowerCase(Locale.ROOT), c));
        Map<String, List<BusyInterval>> busy = new LinkedHashMap<>();
        for (JsonNode schedule : schedules) {
            String id = asked.get(schedule.path("scheduleId").asText("").toLowerCase(Locale.ROOT));
            if (id == null || schedule.hasNonNull("error")) {
                continue;
            }
            List<BusyInterval> intervals = new ArrayList<>();
            for (JsonNode item : schedule.path("scheduleItems")) {
                if (BUSY.contains(item.path("status").asText(""))) {
                    intervals.add(new BusyInterval(instant(item.path("start")), instant(item.path("end"))));
                }
            }
            busy.put(id, intervals);
        }
        return busy;
    }

    /** {@code POST /v1.0/me/events}; Graph answers the existing event for a {@code transactionId} it has seen. */
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
        body.put("transactionId", event.key());
        JsonNode created = api(http.request(graph() + "/me/events").header("Authorization", "Bearer " + token.accessToken())
                .header("Content-Type", "application/json").POST(http.jsonBody(body)).build());
        String id = created.path("id").asText("");
        if (id.isBlank()) {
            throw new ProviderRejectedException(PROVIDER, 201, "unreadable-answer");
        }
        return id;
    }

    /** {@code PATCH /v1.0/me/events/{id}} with the fields we wrote. */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public void updateEvent(ConnectionAccess.Token token, String eventId, CalendarEvent event) {
        api(http.request(graph() + "/me/events/" + ProviderHttp.encode(eventId)).header("Authorization", "Bearer " + token.accessToken())
                .header("Content-Type", "application/json").method("PATCH", http.jsonBody(body(event))).build());
    }

    /** {@code DELETE /v1.0/me/events/{id}}: 204; 404 when it is gone already. */
    @Override
    @Retry(maxRetries = ProviderCalls.RETRIES, delay = ProviderCalls.FIRST_DELAY_MS, jitter = ProviderCalls.JITTER_MS,
            maxDuration = ProviderCalls.MAX_DURATION_MS, retryOn = {ProviderUnavailableException.class, TimeoutException.class},
            abortOn = ProviderRejectedException.class)
    @ExponentialBackoff(factor = ProviderCalls.BACKOFF_FACTOR, maxDelay = ProviderCalls.MAX_DELAY_MS)
    @Timeout(ProviderCalls.ATTEMPT_TIMEOUT_MS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = {ProviderUnavailableException.class, TimeoutException.class}, skipOn = ProviderRejectedException.class)
    public void deleteEvent(ConnectionAccess.Token token, String eventId) {
        ProviderHttp.Answer answer = http.send(http.request(graph() + "/me/events/" + ProviderHttp.encode(eventId))
                .header("Authorization", "Bearer " + token.accessToken()).DELETE().build());
        if (answer.status() != 404) {
            answer.ok();
        }
    }

    /** The event as Graph takes it: UTC times, the lead a required attendee. */
    private static Map<String, Object> body(CalendarEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", event.title());
        body.put("body", Map.of("contentType", "text", "content", event.description()));
        body.put("start", dateTime(event.start()));
        body.put("end", dateTime(event.end()));
        body.put("location", Map.of("displayName", event.location() == null ? "" : event.location()));
        body.put("attendees", List.of(Map.of("type", "required",
                "emailAddress", Map.of("address", event.attendeeEmail(), "name", event.attendeeName()))));
        return body;
    }

    private static Map<String, String> dateTime(Instant instant) {
        return Map.of("dateTime", LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString(),
                "timeZone", "UTC");
    }

    private static Instant instant(JsonNode dateTime) {
        if (!"UTC".equalsIgnoreCase(dateTime.path("timeZone").asText("UTC"))) {
            throw new ProviderRejectedException(PROVIDER, 200, "unexpected-time-zone");
        }
        try {
            return LocalDateTime.parse(dateTime.path("dateTime").asText("")).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
    }

    private JsonNode api(HttpRequest request) {
        return http.send(request).ok();
    }

    private String identity() {
        return config.loginUrl().replaceAll("/+$", "") + "/" + ProviderHttp.encode(config.tenant()) + "/oauth2/v2.0";
    }

    private String graph() {
        return config.graphUrl().replaceAll("/+$", "") + "/v1.0";
    }
}
