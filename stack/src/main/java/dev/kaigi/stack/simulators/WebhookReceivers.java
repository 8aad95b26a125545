package dev.kaigi.stack.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Partners' webhook endpoints, as integration-service delivers to them: each receiver is registered under a name with
 * its signing secret ({@code PUT /simulator/webhook-receivers/{name} {"secret": "whsec_…"}}), receives at
 * {@code POST /simulator/webhooks/{name}}, verifies every delivery's Standard Webhooks signature with the reference
 * library (204 when it holds, 401 when not) and records it: webhook-id, type, subject (the booking or user),
 * verified, when it arrived, and whether the same webhook-id had already been acknowledged (a duplicate a partner
 * would have to drop). The deliveries are read at {@code GET /simulator/webhooks/{name}/deliveries}.
 *
 * <p>A receiver can misbehave on purpose, for tests and the benchmark ({@code PUT …/{name}/mode {"mode": …}}):
 * {@code ok}; {@code fail:NNN} answers that status; {@code gone} answers 410 (the partner removed the endpoint);
 * {@code timeout} holds the request for {@value #DEFAULT_HOLD_SECONDS} s ({@code timeout:SECONDS} for another
 * hold), longer than a sender should wait, then answers 504. A held request occupies no thread, so a dead receiver
 * does not slow a live one beside it. Nothing is kept between restarts.
 */
final class WebhookReceivers {

    static final int DEFAULT_HOLD_SECONDS = 60;
    /** Deliveries kept per receiver, oldest dropped first: a benchmark phase of minutes at 50/s fits. */
    static final int KEPT = 50_000;
    private static final int MAX_PAGE = 10_000;
    private static final Pattern RECEIVER = Pattern.compile("/simulator/webhook-receivers/([A-Za-z0-9._-]{1,64})(/mode)?");
    private static final Pattern ENDPOINT = Pattern.compile("/simulator/webhooks/([A-Za-z0-9._-]{1,64})(/deliveries)?");
    private static final Pattern MODE = Pattern.compile("ok|gone|fail:[1-5][0-9][0-9]|timeout(:[0-9]{1,4})?");

    private final Recorder recorder;
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    /** Answers held requests when their hold is over. */
    private final ScheduledExecutorService held = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-receivers-held");
        t.setDaemon(true);
        return t;
    });

    WebhookReceivers(Recorder recorder) {
        this.recorder = recorder;
    }

    /** One registered endpoint: its secret, how it answers, and what reached it. */
    private static final class Receiver {
        volatile Webhook verifier;
        volatile String mode = "ok";
        final Deque<ObjectNode> deliveries = new ArrayDeque<>();
        /** Webhook-ids answered 2xx, with when: a later delivery of one is a duplicate. */
        final Map<String, String> acknowledged = bounded();
        final Map<String, Integer> attempts = bounded();
        long total;
    }

    /** Registration and modes: {@code /simulator/webhook-receivers/…}. */
    void manage(HttpExchange x) throws IOException {
        try (x) {
            Matcher m = RECEIVER.matcher(x.getRequestURI().getPath());
            if (!m.matches()) {
                ProviderApis.send(x, 404, error("not_found", "a receiver's name is 1-64 letters, digits, '.', '_' or '-'"));
                return;
            }
            String name = m.group(1);
            boolean mode = m.group(2) != null;
            JsonNode body;
            try {
                body = json(x);
            } catch (IllegalArgumentException e) {
                ProviderApis.send(x, 400, error("bad_request", e.getMessage()));
                return;
            }
            switch (x.getRequestMethod() + (mode ? " mode" : "")) {
                case "PUT" -> register(x, name, body);
                case "GET" -> describe(x, name);
                case "PUT mode" -> setMode(x, name, body);
                default -> ProviderApis.send(x, 405, error("method_not_allowed", x.getRequestMethod() + " " + x.getRequestURI().getPath()));
            }
        }
    }

    /** Deliveries and their log: {@code /simulator/webhooks/…}. */
    void endpoint(HttpExchange x) throws IOException {
        Matcher m = ENDPOINT.matcher(x.getRequestURI().getPath());
        Receiver r = m.matches() ? receivers.get(m.group(1)) : null;
        if (r == null) {
            try (x) {
                ProviderApis.send(x, 404, error("not_found", "no webhook receiver at " + x.getRequestURI().getPath()
                        + " (register it with PUT /simulator/webhook-receivers/NAME {\"secret\": \"whsec_...\"})"));
            }
            return;
        }
        String route = x.getRequestMethod() + (m.group(2) != null ? " deliveries" : "");
        switch (route) {
            case "POST" -> receive(x, m.group(1), r);
            case "GET deliveries" -> {
                try (x) {
                    list(x, r);
                }
            }
            default -> {
                try (x) {
                    ProviderApis.send(x, 405, error("method_not_allowed", x.getRequestMethod() + " " + x.getRequestURI().getPath()));
                }
            }
        }
    }

    private void register(HttpExchange x, String name, JsonNode body) throws IOException {
        String secret = body.path("secret").asText("");
        Webhook verifier;
        try {
            if (!secret.startsWith("whsec_")) {
                throw new IllegalArgumentException("not whsec_");
            }
            verifier = new Webhook(secret);
        } catch (IllegalArgumentException e) {
            ProviderApis.send(x, 400, error("bad_secret", "secret must be whsec_ followed by base64, as the subscription's answer gave it"));
            return;
        }
        Receiver r = receivers.computeIfAbsent(name, n -> new Receiver());
        // a rotation registers the new secret under the same name: the log goes on
        r.verifier = verifier;
        recorder.record("webhook-receiver", name + " registered");
        ProviderApis.send(x, 200, summary(name, r).toString());
    }

    private void describe(HttpExchange x, String name) throws IOException {
        Receiver r = receivers.get(name);
        if (r == null) {
            ProviderApis.send(x, 404, error("not_found", "no webhook receiver " + name));
            return;
        }
        ProviderApis.send(x, 200, summary(name, r).toString());
    }

    private void setMode(HttpExchange x, String name, JsonNode body) throws IOException {
        Receiver r = receivers.get(name);
        if (r == null) {
            ProviderApis.send(x, 404, error("not_found", "no webhook receiver " + name));
            return;
        }
        String mode = body.path("mode").asText("");
        if (!MODE.matcher(mode).matches()) {
            ProviderApis.send(x, 400, error("bad_mode", "mode is ok, gone, fail:NNN (an HTTP status), timeout or timeout:SECONDS"));
            return;
        }
        r.mode = mode;
        recorder.record("webhook-receiver", name + " mode " + mode);
        ProviderApis.send(x, 200, summary(name, r).toString());
    }

    private void receive(HttpExchange x, String name, Receiver r) throws IOException {
        String body;
        try {
            body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            x.close();
            throw e;
        }
        String failure = null;
        try {
            r.verifier.verify(body, x.getRequestHeaders());
        } catch (WebhookVerificationException e) {
            failure = e.getMessage();
        }
        String mode = r.mode;
        int status = failure != null ? 401 : switch (mode) {
            case "ok" -> 204;
            case "gone" -> 410;
            default -> mode.startsWith("fail:") ? Integer.parseInt(mode.substring(5)) : 504;
        };
        Instant at = Instant.now();
        JsonNode event = parsed(body);
        String id = x.getRequestHeaders().getFirst("webhook-id");
        ObjectNode d = Recorder.JSON.createObjectNode().put("webhookId", id).put("receivedAt", at.toString())
                .put("type", event.path("type").asText(null)).put("subject", subject(event))
                .put("eventTimestamp", event.path("timestamp").asText(null))
                .put("webhookTimestamp", x.getRequestHeaders().getFirst("webhook-timestamp"))
                .put("verified", failure == null).put("status", status).put("mode", mode);
        if (failure != null) {
            d.put("failure", failure);
        }
        synchronized (r) {
            int attempt = id == null ? 1 : r.attempts.merge(id, 1, Integer::sum);
            String earlier = id == null ? null : r.acknowledged.get(id);
            d.put("attempt", attempt).put("duplicate", earlier != null);
            if (earlier != null) {
                d.put("acknowledgedBefore", earlier);
            }
            if (id != null && status / 100 == 2 && earlier == null) {
                r.acknowledged.put(id, at.toString());
            }
            r.deliveries.addLast(d);
            r.total++;
            if (r.deliveries.size() > KEPT) {
                r.deliveries.removeFirst();
            }
        }
        recorder.record("webhook", name + ": " + d.path("type").asText("?") + " " + d.path("subject").asText("")
                + " " + id + (failure == null ? " verified" : " NOT verified (" + failure + ")") + " -> " + status
                + (d.path("duplicate").asBoolean() ? " DUPLICATE" : ""));
        if (status == 504) {
            held.schedule(() -> answerQuietly(x, 504), hold(mode).toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        answerQuietly(x, status);
    }

    /** Answers a delivery with no body; the sender may have hung up already (a held request). */
    private static void answerQuietly(HttpExchange x, int status) {
        try (x) {
            x.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the sender gave up waiting: that is what a held request is for
        }
    }

    private static void list(HttpExchange x, Receiver r) throws IOException {
        Map<String, String> q = ProviderApis.query(x);
        int offset;
        int limit;
        try {
            offset = number(q, "offset", 0, Integer.MAX_VALUE);
            limit = number(q, "limit", 1000, MAX_PAGE);
        } catch (IllegalArgumentException e) {
            ProviderApis.send(x, 400, error("bad_request", e.getMessage()));
            return;
        }
        String verified = q.get("verified");
        ObjectNode out = Recorder.JSON.createObjectNode();
        ArrayNode page = Recorder.JSON.createArrayNode();
        synchronized (r) {
            out.put("total", r.total).put("kept", r.deliveries.size()).put("offset", offset);
            r.deliveries.stream().filter(d -> verified == null || d.path("verified").asBoolean() == Boolean.parseBoolean(verified))
                    .skip(offset).limit(limit).forEach(d -> page.add(d.deepCopy()));
        }
        out.set("deliveries", page);
        ProviderApis.send(x, 200, out.toString());
    }

    /** Webhook-ids, as many as the kept deliveries can name; the oldest go first. */
    private static <V> Map<String, V> bounded() {
        return new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }

    private static ObjectNode summary(String name, Receiver r) {
        synchronized (r) {
            return Recorder.JSON.createObjectNode().put("name", name).put("mode", r.mode).put("deliveries", r.total);
        }
    }

    /** What the delivery is about: the booking of a meeting.* event, the user of a user.* or seat.* one. */
    private static String subject(JsonNode event) {
        JsonNode data = event.path("data");
        for (String field : new String[] {"bookingId", "userId"}) {
            if (data.hasNonNull(field)) {
                return data.get(field).asText();
            }
        }
        return null;
    }

    private static JsonNode parsed(String body) {
        try {
            return Recorder.JSON.readTree(body);
        } catch (IOException e) {
            return Recorder.JSON.createObjectNode();
        }
    }

    private static JsonNode json(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return Recorder.JSON.createObjectNode();
        }
        try {
            return Recorder.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static int number(Map<String, String> q, String name, int fallback, int max) {
        String raw = q.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 0 || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number from 0 to " + max);
        }
    }

    private static String error(String code, String message) {
        return Recorder.JSON.createObjectNode().put("error", code).put("message", message).toString();
    }

    /** How long a {@code timeout} receiver holds a request. */
    static Duration hold(String mode) {
        return Duration.ofSeconds(mode.contains(":") ? Long.parseLong(mode.substring(mode.indexOf(':') + 1)) : DEFAULT_HOLD_SECONDS);
    }
}
