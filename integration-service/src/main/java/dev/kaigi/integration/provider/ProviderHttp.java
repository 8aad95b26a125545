package dev.kaigi.integration.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One provider's HTTP transport: JSON in and out, timeouts, and the classification every client
 * shares: unreachable, timed out, 5xx and 429 are {@link ProviderUnavailableException} (a 429 first
 * waits the provider's {@code Retry-After}, up to a cap), other 4xx are {@link ProviderRejectedException}
 * unless the caller handles the status itself; a request sent but not answered in time is
 * {@link ProviderTimeoutException}. Request and response bodies are never logged: they hold tokens.
 */
public final class ProviderHttp {

    private final String provider;
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration maxRetryAfterWait;
    private final ObjectMapper json;
    private final LastProviderCalls lastCalls;

    public ProviderHttp(String provider, Duration connectTimeout, Duration readTimeout, Duration maxRetryAfterWait,
                        ObjectMapper json, LastProviderCalls lastCalls) {
        this.provider = provider;
        this.lastCalls = lastCalls;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.readTimeout = readTimeout;
        this.maxRetryAfterWait = maxRetryAfterWait;
        this.json = json;
    }

    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout).header("Accept", "application/json");
    }

    public HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static HttpRequest.BodyPublisher formBody(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                .collect(Collectors.joining("&")), StandardCharsets.UTF_8);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Sends; returns the answer for any status below 500 except 429. The outcome is the provider's last call. */
    public Answer send(HttpRequest request) {
        try {
            Answer answer = exchange(request);
            lastCalls.answered(provider, answer.status());
            return answer;
        } catch (ProviderUnavailableException e) {
            lastCalls.failed(provider, e);
            throw e;
        }
    }

    private Answer exchange(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String failed = request.method() + " " + request.uri().getPath() + " failed: " + e.getClass().getSimpleName();
            if (e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)) {
                throw new ProviderTimeoutException(provider, failed, e); // sent: it may have been done
            }
            throw new ProviderUnavailableException(provider, failed, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException(provider, "interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429) {
            Duration wait = retryAfter(response).orElse(Duration.ZERO);
            sleep(wait.compareTo(maxRetryAfterWait) > 0 ? maxRetryAfterWait : wait);
            throw new ProviderUnavailableException(provider, "rate limited (Retry-After " + wait.toSeconds() + " s)");
        }
        if (status >= 500) {
            throw new ProviderUnavailableException(provider, request.method() + " " + request.uri().getPath()
                    + " answered " + status);
        }
        return new Answer(status, response.body());
    }

    /** Sends and expects {@code expected}; any other status below 500 is a refusal with the provider's error code. */
    public JsonNode expect(HttpRequest request, int... expected) {
        Answer answer = send(request);
        for (int status : expected) {
            if (answer.status() == status) {
                return answer.json();
            }
        }
        throw answer.refused();
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: we do not wait on the provider's clock
            }
        });
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A provider's answer below 500. */
    public final class Answer {
        private final int status;
        private final String body;

        Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /**
         * The JSON of a successful answer. 401 is {@link TokenRejectedException} (refresh the token and try
         * once more), any other status a refusal with the provider's error code.
         */
        public JsonNode ok() {
            if (status == 401) {
                throw new TokenRejectedException(provider, refused().reason());
            }
            if (status / 100 != 2) {
                throw refused();
            }
            return json();
        }

        /** The body as JSON; garbage is a refusal, never a half-read value. */
        public JsonNode json() {
            try {
                JsonNode node = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
                if (node == null || !node.isObject()) {
                    throw new ProviderRejectedException(provider, status, "unreadable-answer");
                }
                return node;
            } catch (IOException e) {
                throw new ProviderRejectedException(provider, status, "unreadable-answer");
            }
        }

        /** The body as a JSON array (Salesforce's sObject Collections results); anything else is a refusal. */
        public JsonNode array() {
            try {
                JsonNode node = body == null ? null : json.readTree(body);
                if (node == null || !node.isArray()) {
                    throw new ProviderRejectedException(provider, status, "unreadable-answer");
                }
                return node;
            } catch (IOException e) {
                throw new ProviderRejectedException(provider, status, "unreadable-answer");
            }
        }

        /**
         * The refusal this answer means, with the provider's error code: OAuth {@code error}, Zoom {@code code},
         * Salesforce {@code errorCode}, Google's and Graph's {@code error.code}.
         */
        public ProviderRejectedException refused() {
            String reason = null;
            try {
                JsonNode node = json.readTree(body == null ? "" : body);
                if (node != null && node.isArray() && node.size() > 0) {
                    node = node.get(0); // Salesforce: [{"message": ..., "errorCode": "INVALID_SESSION_ID"}]
                }
                if (node != null && node.hasNonNull("errorCode")) {
                    reason = node.get("errorCode").asText();
                } else if (node != null && node.hasNonNull("error") && node.get("error").isObject()) {
                    reason = node.get("error").path("code").asText(null); // Google, Microsoft Graph
                } else if (node != null && node.hasNonNull("error")) {
                    reason = node.get("error").asText();
                } else if (node != null && node.hasNonNull("code")) {
                    reason = node.get("code").asText();
                }
            } catch (IOException | RuntimeException e) {
                // no readable error code
            }
            return new ProviderRejectedException(provider, status, reason);
        }
    }
}
