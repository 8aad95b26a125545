package dev.kaigi.integration.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Slack's Web API as documented, for many workspaces at once (INT-10). {@code oauth.v2.access} takes the client's
 * credentials, a granted code and the redirect URI in the form and answers the workspace's bot token
 * ({@code xoxb-}, {@code token_type: bot}, {@code team}, {@code bot_user_id}), else {@code ok:false}
 * {@code invalid_code}. {@code chat.postMessage} accepts the bot token of an installed workspace (HTTP 200,
 * {@code "ok": true}, the message's {@code ts}); any other token answers {@code invalid_auth}, a token revoked in
 * its workspace {@code token_revoked}; members the tests declare unknown {@code channel_not_found}; 429 with
 * {@code Retry-After}. {@code auth.revoke} revokes a bot token.
 */
public final class SlackSimulator {

    public static final String CLIENT_ID = "slack-client-id";
    public static final String CLIENT_SECRET = "slack-client-secret";
    public static final String REDIRECT_URI = "https://app.kaigi.test/integrations/slack/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    /** A workspace with Kaigi's app, as Slack answers its install. */
    public record Workspace(String teamId, String teamName, String botToken, String botUserId) {

        /** A workspace of its own: ids and a bot token nobody else has. */
        public static Workspace fresh(String name) {
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT);
            return new Workspace("T" + id, name, "xoxb-" + id + "-" + UUID.randomUUID(), "U0BOT" + id);
        }
    }

    void start() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(10)
                .willReturn(ZoomSimulator.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));
        server.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).atPriority(10)
                .willReturn(ZoomSimulator.json(200, "{\"ok\":false,\"error\":\"invalid_code\"}")));
        server.stubFor(post(urlPathEqualTo("/api/auth.revoke")).atPriority(10)
                .willReturn(ZoomSimulator.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));
    }

    void stop() {
        server.stop();
    }

    public String url() {
        return server.baseUrl();
    }

    /**
     * Slack hands {@code code} back after an install into {@code workspace}: {@code oauth.v2.access} with it answers
     * the workspace's bot token, which {@code chat.postMessage} and {@code auth.revoke} then accept.
     */
    public void grantCode(String code, Workspace workspace) {
        server.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).atPriority(5)
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("code=" + form(code)))
                .withRequestBody(containing("client_id=" + form(CLIENT_ID)))
                .withRequestBody(containing("client_secret=" + form(CLIENT_SECRET)))
                .withRequestBody(containing("redirect_uri=" + form(REDIRECT_URI)))
                .willReturn(ZoomSimulator.json(200, """
                        {"ok":true,"app_id":"A0KAIGI","authed_user":{"id":"U0INSTALLER"},"scope":"chat:write",
                         "token_type":"bot","access_token":"%s","bot_user_id":"%s",
                         "team":{"id":"%s","name":"%s"},"enterprise":null,"is_enterprise_install":false}
                        """.formatted(workspace.botToken(), workspace.botUserId(), workspace.teamId(), workspace.teamName()))));
        installed(workspace);
    }

    /** {@code oauth.v2.access} with {@code code} answers {@code ok:false} with {@code error}. */
    public void refuseCode(String code, String error) {
        answerCode(code, "{\"ok\":false,\"error\":\"" + error + "\"}");
    }

    /** {@code oauth.v2.access} with {@code code} answers {@code body} as it is. */
    public void answerCode(String code, String body) {
        server.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).atPriority(5)
                .withRequestBody(containing("code=" + form(code)))
                .willReturn(ZoomSimulator.json(200, body)));
    }

    private void installed(Workspace workspace) {
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + workspace.botToken()))
                .withHeader("Content-Type", containing("application/json"))
                .willReturn(ZoomSimulator.json(200, """
                        {"ok":true,"channel":"D024BE91L","ts":"1700000000.000100",
                         "message":{"type":"message","subtype":"bot_message","text":"...","ts":"1700000000.000100"}}
                        """)));
        server.stubFor(post(urlPathEqualTo("/api/auth.revoke")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + workspace.botToken()))
                .willReturn(ZoomSimulator.json(200, "{\"ok\":true,\"revoked\":true}")));
    }

    /** The workspace removed Kaigi's app: its bot token answers {@code error} ({@code token_revoked}, ...) from now on. */
    public void revokeInWorkspace(Workspace workspace, String error) {
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).atPriority(2)
                .withHeader("Authorization", equalTo("Bearer " + workspace.botToken()))
                .willReturn(ZoomSimulator.json(200, "{\"ok\":false,\"error\":\"" + error + "\"}")));
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

    /** The bearer token of each post that mentions {@code memberId}, in order. */
    public List<String> tokensOfPostsMentioning(String memberId) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                        .withRequestBody(containing("<@" + memberId + ">")))
                .stream().map(r -> r.getHeader("Authorization").replaceFirst("^Bearer ", "")).toList();
    }

    /** How many times {@code auth.revoke} was called with {@code botToken}. */
    public int revocations(String botToken) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/auth.revoke"))
                .withHeader("Authorization", equalTo("Bearer " + botToken))).size();
    }

    /** The forms {@code oauth.v2.access} received with {@code code}. */
    public List<String> exchanges(String code) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api/oauth.v2.access"))
                        .withRequestBody(containing("code=" + form(code))))
                .stream().map(r -> r.getBodyAsString()).toList();
    }

    public long answered(String memberId, int status) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("<@" + memberId + ">"))
                .filter(e -> e.getResponse().getStatus() == status).count();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
