package dev.kaigi.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A partner's webhook endpoint for the tests: one path per receiver, each with the secrets it knows and a mode
 * ({@code ok} 204, {@code fail} 500, {@code gone} 410, {@code timeout}: holds the request past the sender's
 * timeout). Every request is recorded with whether the official Standard Webhooks library verified it.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. {@code verifiedBy}: the receiver's secrets whose verification passed. */
    record Received(String path, String webhookId, String type, String subjectId, int sequence, JsonNode body,
                    List<String> verifiedBy, int answered, Instant at) {
    }

    private final HttpServer server;
    private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> modes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + path;
    }

    void secrets(String path, String... known) {
        secrets.put(path, List.of(known));
    }

    void mode(String path, String mode) {
        modes.put(path, mode);
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The first arrival of each webhook-id that answered 204, in arrival order: what a de-duplicating receiver keeps. */
    List<Received> accepted(String path) {
        List<Received> firsts = new ArrayList<>();
        for (Received r : at(path)) {
            if (r.answered() == 204 && firsts.stream().noneMatch(f -> f.webhookId().equals(r.webhookId()))) {
                firsts.add(r);
            }
        }
        return firsts;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/hooks/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        List<String> verifiedBy = new ArrayList<>();
        for (String secret : secrets.getOrDefault(path, List.of())) {
            try {
                new Webhook(secret).verify(body, headers);
                verifiedBy.add(secret);
            } catch (WebhookVerificationException refused) {
                // not signed with this one
            }
        }
        String mode = modes.getOrDefault(path, "ok");
        int status = switch (mode) {
            case "fail" -> 500;
            case "gone" -> 410;
            case "timeout" -> 504;
            default -> verifiedBy.isEmpty() ? 401 : 204;
        };
        JsonNode json = JSON.readTree(body);
        JsonNode data = json.path("data");
        String subject = data.has("bookingId") ? data.path("bookingId").asText() : data.path("userId").asText();
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"), json.path("type").asText(),
                subject, data.path("sequence").asInt(), json, List.copyOf(verifiedBy), status, Instant.now()));
        if (mode.equals("timeout")) {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = ("{\"mode\":\"" + mode + "\"}").getBytes(StandardCharsets.UTF_8);
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
