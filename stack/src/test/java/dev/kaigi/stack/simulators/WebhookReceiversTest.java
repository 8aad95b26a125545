package dev.kaigi.stack.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack's partner webhook receiver: verifies Standard Webhooks signatures, records deliveries, misbehaves on request. */
class WebhookReceiversTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a partner's thirty-two byte key!!".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString("somebody else's key of 32 bytes!".getBytes(StandardCharsets.UTF_8));
    private static final String BOOKING = "0b7a2f9e-4c1d-4e0a-9a55-3c2b1d0e9f11";
    private static final String BODY = """
            {"type":"meeting.booked","timestamp":"2026-12-07T21:00:00Z","data":{"orgId":"o","bookingId":"%s","sequence":0}}"""
            .formatted(BOOKING);

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer http;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        WebhookReceivers receivers = new WebhookReceivers(new Recorder());
        http.createContext("/simulator/webhook-receivers/", receivers::manage);
        http.createContext("/simulator/webhooks/", receivers::endpoint);
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
    }

    /** A delivery as integration-service sends it, signed with {@code secret}. */
    private HttpResponse<String> deliver(String receiver, String id, String secret, Duration timeout) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String signature = new Webhook(secret).sign(id, now, BODY);
        HttpRequest request = HttpRequest.newBuilder(uri("/simulator/webhooks/" + receiver)).timeout(timeout)
                .header("content-type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(now)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String receiver, String id, String secret) throws Exception {
        return deliver(receiver, id, secret, Duration.ofSeconds(10));
    }

    private JsonNode deliveries(String receiver) throws Exception {
        HttpResponse<String> answer = call("GET", "/simulator/webhooks/" + receiver + "/deliveries", null);
        assertEquals(200, answer.statusCode(), answer.body());
        return Recorder.JSON.readTree(answer.body());
    }

    private void register(String receiver, String secret) throws Exception {
        HttpResponse<String> answer = call("PUT", "/simulator/webhook-receivers/" + receiver, "{\"secret\":\"" + secret + "\"}");
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private void mode(String receiver, String mode) throws Exception {
        HttpResponse<String> answer = call("PUT", "/simulator/webhook-receivers/" + receiver + "/mode", "{\"mode\":\"" + mode + "\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(mode, Recorder.JSON.readTree(answer.body()).get("mode").asText());
    }

    @Test
    @DisplayName("a delivery signed with the receiver's secret is acknowledged with 204 and recorded as verified, with its type and booking")
    void verifiedDelivery() throws Exception {
        register("demo", SECRET);
        assertEquals(204, deliver("demo", "msg_00000000000000000000000000000001", SECRET).statusCode());

        JsonNode log = deliveries("demo");
        assertEquals(1, log.get("total").asInt());
        JsonNode d = log.get("deliveries").get(0);
        assertEquals("msg_00000000000000000000000000000001", d.get("webhookId").asText());
        assertEquals("meeting.booked", d.get("type").asText());
        assertEquals(BOOKING, d.get("subject").asText());
        assertTrue(d.get("verified").asBoolean());
        assertEquals(204, d.get("status").asInt());
        assertEquals(1, d.get("attempt").asInt());
        assertFalse(d.get("duplicate").asBoolean());
        assertTrue(d.get("receivedAt").asText().startsWith("20"), d.toString());
    }

    @Test
    @DisplayName("a delivery signed with another secret, or tampered with, is refused with 401 and recorded as not verified")
    void refusedSignature() throws Exception {
        register("demo", SECRET);
        assertEquals(401, deliver("demo", "msg_00000000000000000000000000000002", OTHER_SECRET).statusCode());
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> tampered = client.send(HttpRequest.newBuilder(uri("/simulator/webhooks/demo"))
                .header("webhook-id", "msg_00000000000000000000000000000003").header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", new Webhook(SECRET).sign("msg_00000000000000000000000000000003", now, BODY))
                .POST(HttpRequest.BodyPublishers.ofString(BODY.replace("meeting.booked", "meeting.cancelled"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, tampered.statusCode());
        HttpResponse<String> unsigned = call("POST", "/simulator/webhooks/demo", BODY);
        assertEquals(401, unsigned.statusCode());

        JsonNode log = deliveries("demo").get("deliveries");
        assertEquals(3, log.size());
        log.forEach(d -> {
            assertFalse(d.get("verified").asBoolean(), d.toString());
            assertEquals(401, d.get("status").asInt());
            assertTrue(d.hasNonNull("failure"), d.toString());
        });
        assertEquals(0, call("GET", "/simulator/webhooks/demo/deliveries?verified=true", null).body().split("webhookId").length - 1);
    }

    @Test
    @DisplayName("after a rotation the receiver verifies with the new secret; the log goes on")
    void rotation() throws Exception {
        register("demo", SECRET);
        assertEquals(204, deliver("demo", "msg_00000000000000000000000000000004", SECRET).statusCode());
        register("demo", OTHER_SECRET);
        assertEquals(401, deliver("demo", "msg_00000000000000000000000000000005", SECRET).statusCode());
        assertEquals(204, deliver("demo", "msg_00000000000000000000000000000006", OTHER_SECRET).statusCode());
        assertEquals(3, deliveries("demo").get("total").asInt());
    }

    @Test
    @DisplayName("the same webhook-id delivered again after a 204 is recorded as a duplicate; a retry after a failure is not")
    void duplicates() throws Exception {
        register("demo", SECRET);
        mode("demo", "fail:503");
        assertEquals(503, deliver("demo", "msg_0000000000000000000000000000000a", SECRET).statusCode());
        mode("demo", "ok");
        assertEquals(204, deliver("demo", "msg_0000000000000000000000000000000a", SECRET).statusCode());
        assertEquals(204, deliver("demo", "msg_0000000000000000000000000000000a", SECRET).statusCode());
        assertEquals(204, deliver("demo", "msg_0000000000000000000000000000000b", SECRET).statusCode());

        JsonNode log = deliveries("demo").get("deliveries");
        assertEquals(4, log.size());
        assertEquals(503, log.get(0).get("status").asInt());
        assertFalse(log.get(0).get("duplicate").asBoolean());
        assertEquals(2, log.get(1).get("attempt").asInt());
        assertFalse(log.get(1).get("duplicate").asBoolean(), "a retry of a failed delivery is what the sender must do");
        assertEquals(3, log.get(2).get("attempt").asInt());
        assertTrue(log.get(2).get("duplicate").asBoolean());
        assertEquals(log.get(1).get("receivedAt").asText(), log.get(2).get("acknowledgedBefore").asText());
        assertFalse(log.get(3).get("duplicate").asBoolean());
    }

    @Test
    @DisplayName("modes: gone answers 410, fail:NNN that status, timeout holds the request past the sender's patience")
    void modes() throws Exception {
        register("demo", SECRET);
        mode("demo", "gone");
        assertEquals(410, deliver("demo", "msg_00000000000000000000000000000010", SECRET).statusCode());
        mode("demo", "fail:500");
        assertEquals(500, deliver("demo", "msg_00000000000000000000000000000011", SECRET).statusCode());
        mode("demo", "timeout:5");
        long started = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> deliver("demo", "msg_00000000000000000000000000000012", SECRET, Duration.ofMillis(700)));
        assertTrue(System.nanoTime() - started >= 600_000_000L);
        // a held request takes no thread: a live receiver beside it answers at once
        register("live", SECRET);
        for (int i = 0; i < 4; i++) {
            String id = "msg_0000000000000000000000000000002" + i;
            assertThrows(HttpTimeoutException.class, () -> deliver("demo", id, SECRET, Duration.ofMillis(300)));
        }
        started = System.nanoTime();
        assertEquals(204, deliver("live", "msg_00000000000000000000000000000013", SECRET).statusCode());
        assertTrue(System.nanoTime() - started < 1_000_000_000L);

        JsonNode log = deliveries("demo").get("deliveries");
        assertEquals(410, log.get(0).get("status").asInt());
        assertEquals(500, log.get(1).get("status").asInt());
        assertEquals("timeout:5", log.get(2).get("mode").asText());
        assertTrue(log.get(2).get("verified").asBoolean(), "a misbehaving receiver still checks what it got");
    }

    @Test
    @DisplayName("bad input: an unknown receiver 404, a secret that is not whsec_ 400, an unknown mode 400, a bad page 400")
    void badInput() throws Exception {
        assertEquals(404, deliver("nobody", "msg_00000000000000000000000000000020", SECRET).statusCode());
        assertEquals(400, call("PUT", "/simulator/webhook-receivers/demo", "{\"secret\":\"plain\"}").statusCode());
        assertEquals(400, call("PUT", "/simulator/webhook-receivers/demo", "not json").statusCode());
        register("demo", SECRET);
        assertEquals(400, call("PUT", "/simulator/webhook-receivers/demo/mode", "{\"mode\":\"sometimes\"}").statusCode());
        assertEquals(404, call("PUT", "/simulator/webhook-receivers/nobody/mode", "{\"mode\":\"ok\"}").statusCode());
        assertEquals(400, call("GET", "/simulator/webhooks/demo/deliveries?limit=100000", null).statusCode());
        assertEquals(405, call("DELETE", "/simulator/webhooks/demo", null).statusCode());
    }
}
