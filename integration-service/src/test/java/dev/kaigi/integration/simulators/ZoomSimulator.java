package dev.kaigi.integration.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Zoom's OAuth server and API as documented (zoom.us {@code /oauth/token}, {@code /oauth/revoke};
 * api.zoom.us {@code GET /v2/users/me}, {@code POST} and {@code GET /v2/users/me/meetings}, {@code PATCH} and
 * {@code DELETE /v2/meetings/{meetingId}}) on one WireMock server. The list of a user's meetings shows every
 * meeting created with the token, with its agenda, in pages of {@code page_size} linked by
 * {@code next_page_token}. Tests
 * grant codes and tokens for their Zoom users; anything else answers like Zoom does: {@code invalid_grant}
 * for an unknown code or refresh token, 401 code 124 for an unknown or expired access token.
 */
public final class ZoomSimulator {

    public static final String CLIENT_ID = "zoom-client-id";
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CLIENT_SECRET = "zoom-client-secret";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    private final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(new MeetingList()));

    void start() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/oauth/token")).atPriority(10)
                .willReturn(json(400, "{\"reason\":\"Invalid authorization code\",\"error\":\"invalid_grant\"}")));
        server.stubFor(post(urlPathEqualTo("/oauth/revoke")).withHeader("Authorization", equalTo(BASIC))
                .willReturn(json(200, "{\"status\":\"success\"}")));
        server.stubFor(get(urlPathEqualTo("/v2/users/me")).atPriority(10)
                .willReturn(json(401, "{\"code\":124,\"message\":\"Invalid access token.\"}")));
        server.stubFor(post(urlPathEqualTo("/v2/users/me/meetings")).atPriority(10)
                .willReturn(json(401, "{\"code\":124,\"message\":\"Access token is expired.\"}")));
        server.stubFor(get(urlPathEqualTo("/v2/users/me/meetings")).atPriority(10)
                .willReturn(aResponse().withTransformers(MeetingList.NAME)));
        for (var method : List.of(patch(urlPathMatching("/v2/meetings/[0-9]+")), delete(urlPathMatching("/v2/meetings/[0-9]+")))) {
            server.stubFor(method.atPriority(10).willReturn(json(401, "{\"code\":124,\"message\":\"Invalid access token.\"}")));
        }
    }

    void stop() {
        server.stop();
    }

    public String url() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** The authorization code Zoom hands back after the user granted access, and what it is worth. */
    public void grantCode(String code, String accessToken, String refreshToken) {
        server.stubFor(token(containing("grant_type=authorization_code"), containing("code=" + code))
                .willReturn(tokenAnswer(accessToken, refreshToken, 3599)));
    }

    /** A refresh token that Zoom exchanges for a new pair (Zoom rotates refresh tokens). */
    public void grantRefresh(String refreshToken, String newAccessToken, String newRefreshToken) {
        server.stubFor(token(containing("grant_type=refresh_token"), containing("refresh_token=" + refreshToken))
                .willReturn(tokenAnswer(newAccessToken, newRefreshToken, 3599)));
    }

    /** The Zoom user behind an access token, and the meetings it may create. */
    public void user(String accessToken, String zoomUserId, String email) {
        server.stubFor(get(urlPathEqualTo("/v2/users/me")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(json(200, """
                        {"id":"%s","first_name":"Taro","last_name":"Yamada","display_name":"Yamada Taro",
                         "email":"%s","type":2,"role_name":"Member","pmi":3542471135,"timezone":"Asia/Tokyo",
                         "account_id":"shared-account-1","status":"active"}
                        """.formatted(zoomUserId, email))));
        server.stubFor(post(urlPathEqualTo("/v2/users/me/meetings"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(json(201, """
                        {"uuid":"aDYlohsHRtCd4ii1uC2+hA==","id":%d,"host_id":"%s","host_email":"%s",
                         "topic":"meeting","type":2,"status":"waiting","start_time":"2030-01-01T01:00:00Z",
                         "duration":30,"timezone":"Asia/Tokyo","created_at":"2030-01-01T00:00:00Z",
                         "start_url":"https://zoom.example/s/85746065432?zak=secret",
                         "join_url":"%s","password":"abc123","settings":{"join_before_host":false}}
                        """.formatted(meetingId(accessToken), zoomUserId, email, joinUrl(accessToken)))));
        // PATCH and DELETE /v2/meetings/{meetingId}: 204 No Content for the account's meeting, 404 code 3001 for another
        String own = "/v2/meetings/" + meetingId(accessToken);
        for (var method : List.of(patch(urlPathEqualTo(own)), delete(urlPathEqualTo(own)))) {
            server.stubFor(method.atPriority(3).withHeader("Authorization", equalTo("Bearer " + accessToken))
                    .willReturn(aResponse().withStatus(204)));
        }
        for (var method : List.of(patch(urlPathMatching("/v2/meetings/[0-9]+")), delete(urlPathMatching("/v2/meetings/[0-9]+")))) {
            server.stubFor(method.atPriority(4).withHeader("Authorization", equalTo("Bearer " + accessToken))
                    .willReturn(json(404, "{\"code\":3001,\"message\":\"Meeting does not exist.\"}")));
        }
    }

    /** Lookups of the user's meetings ({@code GET /v2/users/me/meetings}) Zoom received with {@code accessToken}. */
    public List<LoggedRequest> meetingLists(String accessToken) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/v2/users/me/meetings"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
    }

    /** The id of the meetings the simulator creates with {@code accessToken}. */
    public static long meetingId(String accessToken) {
        return 80_000_000_000L + Math.abs(accessToken.hashCode());
    }

    /** Meeting updates ({@code PATCH}) Zoom received with {@code accessToken}, as JSON bodies. */
    public List<LoggedRequest> meetingUpdates(String accessToken) {
        return server.findAll(patchRequestedFor(urlPathMatching("/v2/meetings/[0-9]+"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
    }

    /** Meeting deletions Zoom received with {@code accessToken}. */
    public List<LoggedRequest> meetingDeletions(String accessToken) {
        return server.findAll(deleteRequestedFor(urlPathMatching("/v2/meetings/[0-9]+"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
    }

    /** The join URL the simulator gives meetings created with {@code accessToken}. */
    public static String joinUrl(String accessToken) {
        return "https://zoom.example/j/" + Math.abs(accessToken.hashCode()) + "?pwd=abc123";
    }

    /** Every answer to the meeting creation is {@code status} until the returned stub is removed. */
    public StubMapping meetingsAnswer(int status) {
        return server.stubFor(post(urlPathEqualTo("/v2/users/me/meetings")).atPriority(1)
                .willReturn(json(status, "{\"code\":" + status + ",\"message\":\"Service unavailable\"}")));
    }

    public void remove(StubMapping stub) {
        server.removeStub(stub);
    }

    /** Meeting creations Zoom received with {@code accessToken}. */
    public List<LoggedRequest> meetingRequests(String accessToken) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v2/users/me/meetings"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));
    }

    /** How many meeting creations Zoom answered with 201 for {@code accessToken}. */
    public long meetingsCreated(String accessToken) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/v2/users/me/meetings"))
                .filter(e -> ("Bearer " + accessToken).equals(e.getRequest().getHeader("Authorization")))
                .filter(e -> e.getResponse().getStatus() == 201)
                .count();
    }

    private static MappingBuilder token(com.github.tomakehurst.wiremock.matching.StringValuePattern grant,
                                        com.github.tomakehurst.wiremock.matching.StringValuePattern value) {
        return post(urlPathEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(grant).withRequestBody(value);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenAnswer(
            String access, String refresh, int expiresIn) {
        return json(200, """
                {"access_token":"%s","token_type":"bearer","refresh_token":"%s","expires_in":%d,
                 "scope":"meeting:write user:read"}
                """.formatted(access, refresh, expiresIn));
    }

    /** {@code GET /v2/users/me/meetings}: the meetings created (201) with the caller's token, oldest first. */
    private final class MeetingList extends StubAnswer {
        static final String NAME = "zoom-meeting-list";

        MeetingList() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String auth = event.getRequest().getHeader("Authorization");
            String token = auth == null ? "" : auth.replaceFirst("^Bearer ", "");
            List<ObjectNode> created = new ArrayList<>();
            for (ServeEvent e : server.getAllServeEvents()) { // newest first
                if (e.getRequest().getMethod().getName().equals("POST") && e.getRequest().getUrl().startsWith("/v2/users/me/meetings")
                        && auth != null && auth.equals(e.getRequest().getHeader("Authorization"))
                        && e.getResponse() != null && e.getResponse().getStatus() == 201) {
                    JsonNode q = read(e.getRequest().getBodyAsString());
                    created.add(0, JSON.createObjectNode().put("uuid", "aDYlohsHRtCd4ii1uC2+hA==").put("id", meetingId(token))
                            .put("topic", q.path("topic").asText()).put("type", 2).put("start_time", q.path("start_time").asText())
                            .put("duration", q.path("duration").asInt()).put("timezone", q.path("timezone").asText())
                            .put("agenda", q.path("agenda").asText("")).put("join_url", joinUrl(token)));
                }
            }
            int size = Math.min(300, Integer.parseInt(query(event, "page_size", "30")));
            String next = query(event, "next_page_token", "");
            int from = next.isEmpty() ? 0 : Integer.parseInt(next);
            ObjectNode out = JSON.createObjectNode().put("page_size", size).put("total_records", created.size())
                    .put("next_page_token", from + size < created.size() ? String.valueOf(from + size) : "");
            ArrayNode meetings = out.putArray("meetings");
            created.stream().skip(from).limit(size).forEach(meetings::add);
            return json(200, out.toString()).build();
        }

        private static String query(ServeEvent event, String name, String otherwise) {
            var value = event.getRequest().queryParameter(name);
            return value.isPresent() ? value.firstValue() : otherwise;
        }

        private static JsonNode read(String body) {
            try {
                return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (java.io.IOException e) {
                return JSON.createObjectNode();
            }
        }
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body);
    }
}
