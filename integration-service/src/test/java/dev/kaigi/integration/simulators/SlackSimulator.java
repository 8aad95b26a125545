package dev.kaigi.integration.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.io.IOException;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Slack's Web API {@code chat.postMessage} as documented: HTTP 200 with {@code "ok": true} and the message's
 * {@code ts}, or HTTP 200 with {@code "ok": false} and an error code ({@code invalid_auth} for a wrong token,
 * {@code channel_not_found} for members the tests declare unknown), and 429 with {@code Retry-After}.
 */
public final class SlackSimulator {

    public static final String BOT_TOKEN = "xoxb-test-bot-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    void start() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(10)
                .willReturn(ZoomSimulator.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .willReturn(ZoomSimulator.json(200, """
                        {"ok":true,"channel":"D024BE91L","ts":"1700000000.000100",
                         "message":{"type":"message","subtype":"bot_message","text":"...","ts":"1700000000.000100"}}
                        """)));
    }

    void stop() {
        server.stop();
    }

    public String url() {
        return server.baseUrl();
    }

    /** Posts to {@code channel} (a member ID) answer {@code ok:false} with {@code error}. */
    public void failFor(String channel, String error) {
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("\"" + channel + "\""))
                .willReturn(ZoomSimulator.json(200, "{\"ok\":false,\"error\":\"" + error + "\"}")));
    }

    /** The first post to {@code channel} is rate-limited (429, Retry-After 1), the next ones pass. */
    public void rateLimitOnceFor(String channel) {
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(1)
                .inScenario("rate-limit-" + channel).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed")
                .withRequestBody(containing("\"" + channel + "\""))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
    }

    /** Bodies of the posts Slack received that mention {@code memberId}. */
    public List<JsonNode> postsMentioning(String memberId) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                        .withRequestBody(containing("<@" + memberId + ">")))
                .stream().map(r -> {
                    try {
                        return JSON.readTree(r.getBodyAsString());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    public long answered(String memberId, int status) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("<@" + memberId + ">"))
                .filter(e -> e.getResponse().getStatus() == status).count();
    }
}
