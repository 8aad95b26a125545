package dev.kaigi.integration.simulators;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Salesforce's OAuth server and REST query resource as documented: {@code /services/oauth2/token} (code and
 * refresh grants; a refresh answers no new refresh token), {@code /userinfo}, {@code /revoke}, and
 * {@code GET /services/data/v60.0/query} answering the aggregate query from a data set of open
 * opportunities per owner email, as {@code AggregateResult} records ({@code Email}, {@code expr0}). The same
 * organization's {@link Records} (users and opportunities) answer {@code SELECT Id, Email FROM User ...} and
 * {@code SELECT Id, Name FROM Opportunity ...} (pages of {@link Records#pageSize} records chained by
 * {@code nextRecordsUrl}), count in the aggregate, and are changed by the sObject Collections update
 * ({@code PATCH /services/data/v60.0/composite/sobjects}: at most 200 records, each answered on its own with
 * {@code {id, success, errors: [{statusCode, message, fields}]}}). An unknown token answers 401
 * {@code INVALID_SESSION_ID}, a query of another shape 400 {@code MALFORMED_QUERY}.
 */
public final class SalesforceSimulator {

    public static final String CLIENT_ID = "sf-client-id";
    public static final String CLIENT_SECRET = "sf-client-secret";
    public static final String QUERY_PATH = "/services/data/v60.0/query";
    private static final Pattern AGGREGATE = Pattern.compile(
            "SELECT Owner\\.Email, COUNT\\(Id\\) FROM Opportunity WHERE IsClosed = false AND Owner\\.Email IN \\((.*)\\)"
                    + " GROUP BY Owner\\.Email");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    public static final String COLLECTIONS_PATH = "/services/data/v60.0/composite/sobjects";
    private static final Pattern USERS = Pattern.compile("SELECT Id, Email FROM User WHERE Email IN \\((.*)\\) AND IsActive = true");
    private static final Pattern OPEN_OWNED = Pattern.compile(
            "SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = '([A-Za-z0-9]{15,18})'");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(1);

    /** A Salesforce organization's users and opportunities, as the User and Opportunity queries and the owner update see them. */
    public static final class Records {

        public record User(String id, String email, boolean active) {
        }

        public record Opportunity(String id, String name, String ownerId, boolean closed) {
        }

        private final Map<String, User> users = new ConcurrentHashMap<>();
        private final Map<String, Opportunity> opportunities = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        /** opportunity id -> the error Salesforce answers when asked to change it: statusCode, message */
        private final Map<String, String[]> refusals = new ConcurrentHashMap<>();
        /** How many records a query page holds (Salesforce: 2,000 by default). */
        public volatile int pageSize = 2000;

        public String user(String email, boolean active) {
            String id = id("005");
            users.put(id, new User(id, email.toLowerCase(Locale.ROOT), active));
            return id;
        }

        public String opportunity(String name, String ownerId, boolean closed) {
            String id = id("006");
            opportunities.put(id, new Opportunity(id, name, ownerId, closed));
            return id;
        }

        /** An update of the opportunity is refused with this error (e.g. a validation rule, a locked record). */
        public void refuseUpdate(String opportunityId, String statusCode, String message) {
            refusals.put(opportunityId, new String[] {statusCode, message});
        }

        public String ownerOf(String opportunityId) {
            return opportunities.get(opportunityId).ownerId();
        }

        /** The open opportunities per owner email, as the aggregate query counts them. */
        int openOf(String email) {
            synchronized (opportunities) {
                return (int) opportunities.values().stream().filter(o -> !o.closed())
                        .filter(o -> users.containsKey(o.ownerId()) && users.get(o.ownerId()).email().equals(email)).count();
            }
        }

        private static String id(String prefix) {
            return prefix + "%015d".formatted(IDS.getAndIncrement()); // 18 characters, as the API answers ids
        }
    }

    /** access token -> the Salesforce organization's users and opportunities */
    private final Map<String, Records> recordsByToken = new ConcurrentHashMap<>();
    /** the rest of a query's records, by the id in its nextRecordsUrl */
    private final Map<String, List<ObjectNode>> cursors = new ConcurrentHashMap<>();

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
        server.stubFor(get(urlPathMatching(QUERY_PATH + "/[A-Za-z0-9-]+")).atPriority(10)
                .willReturn(aResponse().withTransformers(QueryAnswer.NAME)));
        server.stubFor(patch(urlPathEqualTo(COLLECTIONS_PATH)).atPriority(10)
                .willReturn(aResponse().withTransformers(QueryAnswer.NAME)));
    }

    /** The users and opportunities of the Salesforce organization {@code access} reads. */
    public Records records(String access) {
        return recordsByToken.computeIfAbsent(access, a -> new Records());
    }

    /** The bodies of the sObject Collections updates sent with {@code access}. */
    public List<String> ownerUpdates(String access) {
        return server.findAll(patchRequestedFor(urlPathEqualTo(COLLECTIONS_PATH))
                        .withHeader("Authorization", equalTo("Bearer " + access)))
                .stream().map(LoggedRequest::getBodyAsString).toList();
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
        Records records = recordsByToken.remove(access);
        if (records != null) {
            recordsByToken.put(newAccess, records);
        }
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refresh))
                .willReturn(ZoomSimulator.json(200, tokenAnswer(newAccess, null, sfOrgId))));
        dataByToken.put(newAccess, data);
    }

    /** The grant is revoked at Salesforce: the access token and the refresh token stop working. */
    public void revokeGrant(String access, String refresh) {
        dataByToken.remove(access);
        recordsByToken.remove(access);
        server.stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(1)
                .withRequestBody(containing("refresh_token=" + refresh))
                .willReturn(ZoomSimulator.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}")));
    }

    /** Every owner update answers {@code status} with {@code body} until the stub is removed. */
    public StubMapping ownerUpdatesAnswer(int status, String body) {
        return server.stubFor(patch(urlPathEqualTo(COLLECTIONS_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
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
            String token = auth.replaceFirst("^Bearer ", "");
            Records records = records(token);
            String path = event.getRequest().getUrl().replaceFirst("\\?.*", "");
            if (event.getRequest().getMethod().getName().equals("PATCH")) {
                return update(records, event.getRequest().getBodyAsString());
            }
            if (!path.equals(QUERY_PATH)) {
                List<ObjectNode> rest = cursors.remove(path.substring(QUERY_PATH.length() + 1));
                return rest == null ? answer(400, "[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]")
                        : page(records, rest);
            }
            String soql = event.getRequest().queryParameter("q").firstValue();
            Matcher users = USERS.matcher(soql);
            if (users.matches()) {
                List<String> emails = literals(users.group(1));
                return page(records, records.users.values().stream().filter(u -> u.active() && emails.contains(u.email()))
                        .map(u -> record("User", u.id()).put("Email", u.email())).toList());
            }
            Matcher owned = OPEN_OWNED.matcher(soql);
            if (owned.matches()) {
                List<ObjectNode> rows;
                synchronized (records.opportunities) {
                    rows = records.opportunities.values().stream().filter(o -> !o.closed() && o.ownerId().equals(owned.group(1)))
                            .map(o -> record("Opportunity", o.id()).put("Name", o.name())).toList();
                }
                return page(records, rows);
            }
            Matcher query = AGGREGATE.matcher(soql);
            if (!query.matches()) {
                return answer(400, "[{\"message\":\"unexpected query\",\"errorCode\":\"MALFORMED_QUERY\"}]");
            }
            List<String> groups = new ArrayList<>();
            for (String email : literals(query.group(1))) {
                int open = data.getOrDefault(email, 0) + records.openOf(email);
                if (open > 0) {
                    groups.add("{\"attributes\":{\"type\":\"AggregateResult\"},\"Email\":\"" + email + "\",\"expr0\":" + open + "}");
                }
            }
            return answer(200, "{\"totalSize\":" + groups.size() + ",\"done\":true,\"records\":["
                    + String.join(",", groups) + "]}");
        }

        /** The first page of {@code rows}; the rest waits behind a {@code nextRecordsUrl}. */
        private ResponseDefinition page(Records records, List<ObjectNode> rows) {
            List<ObjectNode> first = rows.subList(0, Math.min(rows.size(), records.pageSize));
            ObjectNode out = JSON.createObjectNode().put("totalSize", rows.size()).put("done", first.size() == rows.size());
            if (first.size() < rows.size()) {
                String cursor = "01g" + UUID.randomUUID().toString().replace("-", "").substring(0, 15) + "-" + first.size();
                cursors.put(cursor, new ArrayList<>(rows.subList(first.size(), rows.size())));
                out.put("nextRecordsUrl", QUERY_PATH + "/" + cursor);
            }
            out.putArray("records").addAll(first);
            return answer(200, out.toString());
        }

        /** The sObject Collections update of opportunity owners, record by record ({@code allOrNone: false}). */
        private ResponseDefinition update(Records records, String body) {
            JsonNode request;
            try {
                request = JSON.readTree(body);
            } catch (java.io.IOException e) {
                return answer(400, "[{\"message\":\"unreadable JSON\",\"errorCode\":\"JSON_PARSER_ERROR\"}]");
            }
            JsonNode list = request.path("records");
            if (!request.path("allOrNone").isBoolean() || request.path("allOrNone").asBoolean() || !list.isArray()
                    || list.isEmpty() || list.size() > 200) {
                return answer(400, "[{\"message\":\"1 to 200 records, allOrNone false\",\"errorCode\":\"INVALID_FIELD\"}]");
            }
            ArrayNode results = JSON.createArrayNode();
            for (JsonNode r : list) {
                String id = r.path("id").asText();
                String owner = r.path("OwnerId").asText();
                Records.Opportunity o = records.opportunities.get(id);
                String[] refusal = records.refusals.get(id);
                Records.User newOwner = records.users.get(owner);
                if (!"Opportunity".equals(r.path("attributes").path("type").asText()) || o == null) {
                    results.add(failure("ENTITY_IS_DELETED", "entity is deleted", List.of()));
                } else if (newOwner == null || !newOwner.active()) {
                    results.add(failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of("OwnerId")));
                } else if (refusal != null) {
                    results.add(failure(refusal[0], refusal[1], List.of()));
                } else {
                    records.opportunities.put(id, new Records.Opportunity(id, o.name(), owner, o.closed()));
                    ObjectNode ok = results.addObject().put("id", id).put("success", true);
                    ok.putArray("errors");
                }
            }
            return new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(results.toString()).build();
        }

        private ObjectNode failure(String statusCode, String message, List<String> fields) {
            ObjectNode failed = JSON.createObjectNode().putNull("id").put("success", false);
            ObjectNode error = failed.putArray("errors").addObject().put("statusCode", statusCode).put("message", message);
            ArrayNode named = error.putArray("fields");
            fields.forEach(named::add);
            return failed;
        }

        private ObjectNode record(String type, String id) {
            ObjectNode row = JSON.createObjectNode();
            row.putObject("attributes").put("type", type).put("url", "/services/data/v60.0/sobjects/" + type + "/" + id);
            return row.put("Id", id);
        }

        private List<String> literals(String list) {
            List<String> values = new ArrayList<>();
            Matcher literal = LITERAL.matcher(list);
            while (literal.find()) {
                values.add(literal.group(1).replaceAll("\\\\(.)", "$1").toLowerCase(Locale.ROOT));
            }
            return values;
        }

        private ResponseDefinition answer(int status, String body) {
            return new ResponseDefinitionBuilder().withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(body).build();
        }
    }
}
