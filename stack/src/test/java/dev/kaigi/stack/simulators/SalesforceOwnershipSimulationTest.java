package dev.kaigi.stack.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack's Salesforce speaks what an ownership transfer sends (LIF-05): users by email, open opportunities, owner updates. */
class SalesforceOwnershipSimulationTest {

    private static final String TOKEN = "salesforce-at-" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString("owner@demo.kaigi.dev".getBytes(StandardCharsets.UTF_8));
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer http;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        http.createContext("/", new ProviderApis(new Recorder())::handle);
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Recorder.JSON.readTree(answer.body());
    }

    private JsonNode query(String soql) throws Exception {
        return call("GET", "/services/data/v60.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null);
    }

    @Test
    @DisplayName("LIF-05: the deleted user's open opportunities move to the heir's Salesforce user, record by record; the counts follow")
    void opportunitiesChangeHands() throws Exception {
        JsonNode users = query("SELECT Id, Email FROM User WHERE Email IN ('member12@demo.kaigi.dev','heir@demo.kaigi.dev')"
                + " AND IsActive = true").get("records");
        assertEquals(2, users.size());
        String from = users.get(0).get("Id").asText();
        String to = users.get(1).get("Id").asText();
        assertEquals(18, from.length());
        JsonNode open = query("SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = '" + from + "'").get("records");
        assertEquals(2, open.size(), "one per digit of the local part");

        JsonNode results = call("PATCH", "/services/data/v60.0/composite/sobjects", """
                {"allOrNone":false,"records":[
                 {"attributes":{"type":"Opportunity"},"id":"%s","OwnerId":"%s"},
                 {"attributes":{"type":"Opportunity"},"id":"006000000000000999","OwnerId":"%s"}]}
                """.formatted(open.get(0).get("Id").asText(), to, to));
        assertTrue(results.get(0).get("success").asBoolean());
        assertEquals(open.get(0).get("Id").asText(), results.get(0).get("id").asText());
        assertFalse(results.get(1).get("success").asBoolean());
        assertEquals("ENTITY_IS_DELETED", results.get(1).get("errors").get(0).get("statusCode").asText());

        JsonNode counts = query("SELECT Owner.Email, COUNT(Id) FROM Opportunity WHERE IsClosed = false AND Owner.Email IN"
                + " ('member12@demo.kaigi.dev','heir@demo.kaigi.dev') GROUP BY Owner.Email").get("records");
        assertEquals(2, counts.size());
        assertEquals(1, counts.get(0).get("expr0").asInt());
        assertEquals(1, counts.get(1).get("expr0").asInt());
        assertEquals(1, query("SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = '" + to + "'")
                .get("records").size());
    }
}
