package dev.kaigi.integration.simulators;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Salesforce's OAuth server and REST query resource as documented: {@code /services/oauth2/token} (code and
 * refresh grants; a refresh answers no new refresh token), {@code /userinfo}, {@code /revoke}, and
 * {@code GET /services/data/v60.0/query} answering the aggregate query from a data set of open
 * opportunities per owner email, as {@code AggregateResult} records ({@code Email}, {@code expr0}). An
 * unknown token answers 401 {@code INVALID_SESSION_ID}, a query of another shape 400 {@code MALFORMED_QUERY}.
 */
public final class SalesforceSimulator {

    public static final String CLIENT_ID = "sf-client-id";
    public static final String CLIENT_SECRET = "sf-client-secret";
    public static final String QUERY_PATH = "/services/data/v60.0/query";
    private static final Pattern AGGREGATE = Pattern.compile(
            "SELECT Owner\\.Email, COUNT\\(Id\\) FROM Opportunity WHERE IsClosed = false AND Owner\\.Email IN \\((.*)\\)"
                    + " GROUP BY Owner\\.Email");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");

    /** access token -> the Salesforce organization's open opportunities per owner email (lower case) */
    private final Map<String, Map<String, Integer>> dataByToken = new ConcurrentHashMap<>();
    private final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(new QueryAnswer()));

    void start() {
        server.start();
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(10)
                .willReturn(ZoomSimulator.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}")));
        server.stubFor(get(urlPathEqualTo("/services/oauth2/userinfo")).atPriority(10)
                .willReturn(ZoomSimulator.json(403, "Bad_OAuth_Token")));
        server.stubFor(post(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        server.stubFor(get(urlPathEqualTo(QUERY_PATH)).atPriority(10)
                .willReturn(aResponse().withTransformers(QueryAnswer.NAME)));
    }

    public String url() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** A Salesforce organization: open opportunities per owner email, readable with the tokens it grants. */
    public static Map<String, Integer> organization(Map<String, Integer> openByOwner) {
        Map<String, Integer> data = new ConcurrentHashMap<>();
        openByOwner.forEach((email, open) -> data.put(email.toLowerCase(Locale.ROOT), open));
        return data;
    }

    /** The code Salesforce hands back after {@code email} granted access to the organization {@code sfOrgId}. */
    public void grantCode(String code, String access, String refresh, String sfOrgId, String email,
                          Map<String, Integer> data) {
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=" + code)).withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .willReturn(ZoomSimulator.json(200, tokenAnswer(access, refresh, sfOrgId))));
        server.stubFor(get(urlPathEqualTo("/services/oauth2/userinfo")).withHeader("Authorization", equalTo("Bearer " + access))
                .willReturn(ZoomSimulator.json(200, """
                        {"sub":"%s/id/%s/005000000000001","user_id":"005000000000001","organization_id":"%s",
                         "preferred_username":"%s","email":"%s","email_verified":true}
                        """.formatted(url(), sfOrgId, sfOrgId, email, email))));
        dataByToken.put(access, data);
    }

    /** Salesforce ends the session of {@code access} (401 from now on); {@code refresh} gives {@code newAccess}. */
    public void expire(String access, String refresh, String newAccess, String sfOrgId) {
        Map<String, Integer> data = dataByToken.remove(access);
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refresh))
                .willReturn(ZoomSimulator.json(200, tokenAnswer(newAccess, null, sfOrgId))));
        dataByToken.put(newAccess, data);
    }

    /** The grant is revoked at Salesforce: the access token and the refresh token stop working. */
    public void revokeGrant(String access, String refresh) {
        dataByToken.remove(access);
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(1)
                .withRequestBody(containing("refresh_token=" + refresh))
                .willReturn(ZoomSimulator.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}")));
    }

    /** Every query answers {@code status} with {@code body} (and Retry-After 1 for a 429) until the stub is removed. */
    public StubMapping queriesAnswer(int status, String body) {
        return server.stubFor(get(urlPathEqualTo(QUERY_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody(body)));
    }

    public void remove(StubMapping stub) {
        server.removeStub(stub);
    }

    /** The SOQL of every query sent with {@code access}. */
    public List<String> queries(String access) {
        return server.findAll(getRequestedFor(urlPathEqualTo(QUERY_PATH))
                        .withHeader("Authorization", equalTo("Bearer " + access)))
                .stream().map(r -> r.queryParameter("q").firstValue()).toList();
    }

    public List<LoggedRequest> revocations(String token) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/revoke")).withRequestBody(containing(token)));
    }

    private String tokenAnswer(String access, String refresh, String sfOrgId) {
        return """
                {"access_token":"%s",%s"signature":"c2lnbmF0dXJl","scope":"refresh_token api",
                 "instance_url":"%s","id":"%s/id/%s/005000000000001","token_type":"Bearer","issued_at":"1700000000000"}
                """.formatted(access, refresh == null ? "" : "\"refresh_token\":\"" + refresh + "\",", url(), url(), sfOrgId);
    }

    /** Answers the aggregate query from the data set of the token's organization. */
    private final class QueryAnswer extends StubAnswer {
        static final String NAME = "salesforce-aggregate-query";

        QueryAnswer() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String auth = event.getRequest().getHeader("Authorization");
            Map<String, Integer> data = auth == null ? null : dataByToken.get(auth.replaceFirst("^Bearer ", ""));
            if (data == null) {
                return answer(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
            }
            Matcher query = AGGREGATE.matcher(event.getRequest().queryParameter("q").firstValue());
            if (!query.matches()) {
                return answer(400, "[{\"message\":\"unexpected query\",\"errorCode\":\"MALFORMED_QUERY\"}]");
            }
            List<String> records = new ArrayList<>();
            Matcher literal = LITERAL.matcher(query.group(1));
            while (literal.find()) {
                String email = literal.group(1).replaceAll("\\\\(.)", "$1").toLowerCase(Locale.ROOT);
                Integer open = data.get(email);
                if (open != null && open > 0) {
                    records.add("{\"attributes\":{\"type\":\"AggregateResult\"},\"Email\":\"" + email + "\",\"expr0\":" + open + "}");
                }
            }
            return answer(200, "{\"totalSize\":" + records.size() + ",\"done\":true,\"records\":["
                    + String.join(",", records) + "]}");
        }

        private ResponseDefinition answer(int status, String body) {
            return new ResponseDefinitionBuilder().withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body).build();
        }
    }
}
