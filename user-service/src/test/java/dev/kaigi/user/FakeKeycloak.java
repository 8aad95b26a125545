package dev.kaigi.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for Keycloak's token endpoint and admin users API, speaking their documented shapes
 * (client-credentials token; {@code GET/POST /admin/realms/{realm}/users}, {@code PUT/DELETE
 * /users/{id}}, {@code PUT /users/{id}/execute-actions-email}, search by {@code q=attr:value} and
 * {@code email}), with users held in memory. It
 * checks the admin bearer token and refuses a second account with the same username (409) as
 * Keycloak does, and can be switched to answer 503 to test that sync waits an outage out.
 * Every user-service test runs with the sync switched on against it.
 */
public class FakeKeycloak implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "kaigi";
    private static final String CLIENT_SECRET = "user-service-secret";
    static FakeKeycloak instance;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    /** Keycloak account id → the execute-actions mails asked for it (query parameters and the actions). */
    private final Map<String, java.util.List<ObjectNode>> actionMails = new ConcurrentHashMap<>();
    private HttpServer server;
    private volatile String issuedToken;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/realms/" + REALM + "/protocol/openid-connect/token", this::token);
        server.createContext("/admin/realms/" + REALM + "/users", this::users);
        server.start();
        instance = this;
        return Map.of(
                "kaigi.identity.keycloak.enabled", "true",
                "kaigi.identity.keycloak.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "kaigi.identity.keycloak.realm", REALM,
                "kaigi.identity.keycloak.client-id", "user-service",
                "kaigi.identity.keycloak.client-secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The account holding our user id in its {@code uid} attribute. */
    Optional<JsonNode> account(UUID userId) {
        return users.values().stream().filter(u -> userId.toString().equals(u.path("attributes").path("uid").path(0).asText()))
                .map(u -> (JsonNode) u.deepCopy()).findFirst();
    }

    /** The mails Keycloak was asked to send the account of {@code userId} (execute-actions-email). */
    java.util.List<ObjectNode> actionMails(UUID userId) {
        return account(userId).map(a -> actionMails.getOrDefault(a.path("id").asText(), java.util.List.of()))
                .orElse(java.util.List.of());
    }

    /** The user changes their address at the identity provider (USR-04). */
    void changeEmail(UUID userId, String email) {
        users.values().stream().filter(u -> userId.toString().equals(u.path("attributes").path("uid").path(0).asText()))
                .forEach(u -> u.put("email", email));
    }

    /** An account made by hand in the admin console, without our attributes. */
    void addUnlinked(String email) {
        ObjectNode user = json.createObjectNode().put("id", UUID.randomUUID().toString()).put("username", email.toLowerCase())
                .put("email", email).put("enabled", true);
        users.put(user.get("id").asText(), user);
    }

    void down(boolean away) {
        down.set(away);
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            reply(x, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        issuedToken = "admin-" + UUID.randomUUID();
        reply(x, 200, "{\"access_token\":\"" + issuedToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private void users(HttpExchange x) throws IOException {
        if (down.get()) {
            reply(x, 503, "");
            return;
        }
        if (issuedToken == null || !("Bearer " + issuedToken).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            reply(x, 401, "{\"error\":\"HTTP 401 Unauthorized\"}");
            return;
        }
        String path = x.getRequestURI().getPath();
        if (path.endsWith("/execute-actions-email") && x.getRequestMethod().equals("PUT")) {
            String account = path.substring(0, path.lastIndexOf('/'));
            String id = account.substring(account.lastIndexOf('/') + 1);
            if (!users.containsKey(id)) {
                reply(x, 404, "");
                return;
            }
            ObjectNode mail = json.createObjectNode();
            query(x.getRequestURI().getRawQuery()).forEach(mail::put);
            mail.set("actions", json.readTree(x.getRequestBody()));
            actionMails.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(mail);
            reply(x, 204, "");
            return;
        }
        String id = path.endsWith("/users") ? null : path.substring(path.lastIndexOf('/') + 1);
        switch (x.getRequestMethod() + (id == null ? " list" : " one")) {
            case "GET list" -> reply(x, 200, json.writeValueAsString(search(query(x.getRequestURI().getRawQuery()))));
            case "POST list" -> create(x);
            case "PUT one" -> {
                ObjectNode existing = users.get(id);
                if (existing == null) {
                    reply(x, 404, "");
                } else {
                    existing.setAll((ObjectNode) json.readTree(x.getRequestBody()));
                    reply(x, 204, "");
                }
            }
            case "DELETE one" -> reply(x, users.remove(id) == null ? 404 : 204, "");
            default -> reply(x, 405, "");
        }
    }

    private void create(HttpExchange x) throws IOException {
        ObjectNode user = (ObjectNode) json.readTree(x.getRequestBody());
        String username = user.path("username").asText();
        synchronized (users) {
            if (users.values().stream().anyMatch(u -> username.equals(u.path("username").asText()))) {
                reply(x, 409, "{\"errorMessage\":\"User exists with same username\"}");
                return;
            }
            String id = UUID.randomUUID().toString();
            user.put("id", id);
            users.put(id, user);
            x.getResponseHeaders().add("Location", "http://127.0.0.1/admin/realms/" + REALM + "/users/" + id);
        }
        reply(x, 201, "");
    }

    private ArrayNode search(Map<String, String> query) {
        ArrayNode found = json.createArrayNode();
        for (ObjectNode u : users.values()) {
            String q = query.get("q");
            boolean matches = q != null
                    ? q.substring(q.indexOf(':') + 1).equals(u.path("attributes").path(q.substring(0, q.indexOf(':'))).path(0).asText())
                    : query.get("email") == null || query.get("email").equalsIgnoreCase(u.path("email").asText());
            if (matches) {
                found.add(u.deepCopy());
            }
        }
        return found;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 204) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
        x.close();
    }
}
