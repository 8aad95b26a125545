package dev.kaigi.faults.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The Zoom integration-service calls, in Zoom's documented shapes: the OAuth code grant (the code is the
 * account's email), {@code GET /v2/users/me}, {@code POST} and {@code GET /v2/users/me/meetings} (the list shows
 * each meeting's agenda), {@code PATCH} and {@code DELETE /v2/meetings/{id}} (404 code 3001 for a meeting it does
 * not have). It counts what it was asked, so a test sees a meeting created or deleted twice.
 */
public final class ZoomSink implements AutoCloseable {

    public static final String CLIENT_ID = "faults-zoom-client";
    public static final String CLIENT_SECRET = "faults-zoom-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(85_000_000_000L);
    /** The meetings Zoom holds, by id. */
    private final Map<Long, ObjectNode> meetings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> deletions = new ConcurrentHashMap<>();

    ZoomSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "zoom-sink");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Meetings created in {@code email}'s account so far. */
    public int createdFor(String email) {
        AtomicInteger n = created.get(email);
        return n == null ? 0 : n.get();
    }

    /** How many times each meeting was asked to be deleted, by id (a meeting not asked is absent). */
    public Map<Long, Integer> deletions() {
        return deletions.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** Every request answered so far: creations, deletions and updates. */
    public int changes() {
        return created.values().stream().mapToInt(AtomicInteger::get).sum()
                + deletions.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String route = x.getRequestMethod() + " " + x.getRequestURI().getPath();
            if (route.equals("POST /oauth/token")) {
                Map<String, String> form = form(body);
                String email = "authorization_code".equals(form.get("grant_type")) ? form.get("code")
                        : account(form.getOrDefault("refresh_token", "").replaceFirst("^zrt-", "zat-"));
                if (email == null || !email.contains("@")) {
                    send(x, 400, "{\"reason\":\"Invalid authorization code\",\"error\":\"invalid_grant\"}");
                    return;
                }
                String id = Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8));
                send(x, 200, JSON.createObjectNode().put("access_token", "zat-" + id).put("token_type", "bearer")
                        .put("refresh_token", "zrt-" + id).put("expires_in", 3599).put("scope", "meeting:write").toString());
                return;
            }
            String auth = x.getRequestHeaders().getFirst("Authorization");
            String email = auth == null || !auth.startsWith("Bearer ") ? null : account(auth.substring(7));
            if (email == null) {
                send(x, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
                return;
            }
            switch (x.getRequestMethod() + " " + (route.matches("\\w+ /v2/meetings/[0-9]+") ? "/v2/meetings/{id}" : x.getRequestURI().getPath())) {
                case "GET /v2/users/me" -> send(x, 200, JSON.createObjectNode().put("id", "zu" + Integer.toHexString(email.hashCode()))
                        .put("email", email).put("account_id", "faults").put("type", 2).put("status", "active").toString());
                case "POST /v2/users/me/meetings" -> {
                    JsonNode q = JSON.readTree(body);
                    long id = ids.incrementAndGet();
                    ObjectNode meeting = JSON.createObjectNode().put("id", id).put("host_email", email)
                            .put("topic", q.path("topic").asText()).put("type", 2).put("start_time", q.path("start_time").asText())
                            .put("duration", q.path("duration").asInt()).put("agenda", q.path("agenda").asText(""))
                            .put("join_url", "https://zoom.faults.example/j/" + id);
                    meetings.put(id, meeting);
                    created.computeIfAbsent(email, k -> new AtomicInteger()).incrementAndGet();
                    send(x, 201, meeting.toString());
                }
                case "GET /v2/users/me/meetings" -> {
                    ObjectNode out = JSON.createObjectNode().put("page_size", 300).put("next_page_token", "");
                    ArrayNode list = out.putArray("meetings");
                    meetings.values().stream().filter(m -> m.path("host_email").asText().equals(email)).forEach(list::add);
                    out.put("total_records", list.size());
                    send(x, 200, out.toString());
                }
                case "PATCH /v2/meetings/{id}", "DELETE /v2/meetings/{id}" -> {
                    long id = Long.parseLong(route.substring(route.lastIndexOf('/') + 1));
                    ObjectNode meeting = meetings.get(id);
                    if (meeting == null || !meeting.path("host_email").asText().equals(email)) {
                        send(x, 404, "{\"code\":3001,\"message\":\"Meeting does not exist: " + id + ".\"}");
                        return;
                    }
                    if (x.getRequestMethod().equals("DELETE")) {
                        meetings.remove(id);
                        deletions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                    x.sendResponseHeaders(204, -1);
                }
                default -> send(x, 404, "{\"code\":404,\"message\":\"not simulated: " + route + "\"}");
            }
        }
    }

    private static String account(String token) {
        if (!token.startsWith("zat-")) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(4)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).filter(p -> p.contains("=")).collect(Collectors.toMap(
                p -> URLDecoder.decode(p.substring(0, p.indexOf('=')), StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8), (a, b) -> b));
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The meetings of {@code email}'s account Zoom still holds. */
    public List<Long> meetingsOf(String email) {
        return meetings.values().stream().filter(m -> m.path("host_email").asText().equals(email))
                .map(m -> m.path("id").asLong()).toList();
    }
}
