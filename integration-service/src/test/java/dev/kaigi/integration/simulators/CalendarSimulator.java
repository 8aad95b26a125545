package dev.kaigi.integration.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Google (OAuth {@code /token}, {@code /revoke}, {@code /oauth2/v3/userinfo}, Calendar v3 {@code freeBusy} and
 * {@code events.insert}, {@code patch}, {@code update}, {@code delete}) and Microsoft (identity platform {@code /common/oauth2/v2.0/token}, Graph
 * {@code /v1.0/me}, {@code getSchedule}, {@code events}) on one WireMock server, in their documented shapes.
 * Calendars hold busy intervals per account email; a token reads calendars of its own email domain (as in one
 * Workspace or tenant) and gets a per-calendar error for others. Google refuses an event id it has (409
 * {@code duplicate}); Graph answers the event it made for a {@code transactionId} it has seen. Written events
 * show as busy, as in a real calendar, until they are deleted ({@code DELETE}: 204, then Google 410, Graph 404);
 * {@code PATCH} (and Google's {@code PUT}) move them.
 */
public final class CalendarSimulator {

    public static final String CLIENT_ID = "calendar-client-id";
    public static final String CLIENT_SECRET = "calendar-client-secret";
    public static final String GOOGLE_EVENTS = "/calendar/v3/calendars/primary/events";
    public static final String GRAPH_EVENTS = "/v1.0/me/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Graph's dateTime: local time in the answer's zone with seven fraction digits. */
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.0000000'")
            .withZone(ZoneOffset.UTC);

    /** access token -> account email */
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    /** account email (lower case) -> busy intervals */
    private final Map<String, List<Instant[]>> busy = new ConcurrentHashMap<>();
    /** provider event keys written so far, per account: Google event ids, Graph transaction ids */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    /** the events in the calendars: provider/account/event id -> [start, end]; a deleted one is gone */
    private final Map<String, Instant[]> events = new ConcurrentHashMap<>();
    private final WireMockServer server = new WireMockServer(options().dynamicPort().extensions(new Answers()));

    void start() {
        server.start();
        for (String token : List.of("/token", "/common/oauth2/v2.0/token")) {
            server.stubFor(post(urlPathEqualTo(token)).atPriority(10).willReturn(ZoomSimulator.json(400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}")));
        }
        server.stubFor(post(urlPathEqualTo("/revoke")).willReturn(ZoomSimulator.json(200, "{}")));
        for (String path : List.of("/oauth2/v3/userinfo", "/v1.0/me")) {
            server.stubFor(get(urlPathEqualTo(path)).atPriority(10).willReturn(aResponse().withTransformers(Answers.NAME)));
        }
        for (String path : List.of("/calendar/v3/freeBusy", GOOGLE_EVENTS, "/v1.0/me/calendar/getSchedule", GRAPH_EVENTS)) {
            server.stubFor(post(urlPathEqualTo(path)).atPriority(10).willReturn(aResponse().withTransformers(Answers.NAME)));
        }
        for (String one : List.of(GOOGLE_EVENTS + "/[^/]+", GRAPH_EVENTS + "/[^/]+")) {
            for (var method : List.of(patch(urlPathMatching(one)), put(urlPathMatching(one)), delete(urlPathMatching(one)))) {
                server.stubFor(method.atPriority(10).willReturn(aResponse().withTransformers(Answers.NAME)));
            }
        }
    }

    /** The events Kaigi left in {@code email}'s calendar, as [start, end] (the provider's view: deleted ones are gone). */
    public List<Instant[]> events(String email) {
        String account = "/" + email.toLowerCase(Locale.ROOT) + "/";
        return events.entrySet().stream().filter(e -> e.getKey().contains(account)).map(Map.Entry::getValue).toList();
    }

    /** {@code PATCH}, {@code PUT} or {@code DELETE} requests to single events sent with {@code access}. */
    public List<LoggedRequest> eventChanges(String method, String access) {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().getName().equals(method))
                .filter(r -> r.getUrl().startsWith(GOOGLE_EVENTS + "/") || r.getUrl().startsWith(GRAPH_EVENTS + "/"))
                .filter(r -> ("Bearer " + access).equals(r.getHeader("Authorization")))
                .toList();
    }

    public String url() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** The code the provider ({@code google} or {@code microsoft}) hands back after {@code email} granted access. */
    public void grantCode(String provider, String code, String access, String refresh, String email) {
        server.stubFor(post(urlPathEqualTo(tokenPath(provider))).withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=" + code)).withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .willReturn(tokens(access, refresh)));
        accounts.put(access, email);
    }

    /** The provider ends {@code access} (401 from now on); {@code refresh} gives {@code newAccess} (and a new refresh token). */
    public void expire(String provider, String access, String refresh, String newAccess, String newRefresh) {
        String email = accounts.remove(access);
        server.stubFor(post(urlPathEqualTo(tokenPath(provider))).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refresh)).willReturn(tokens(newAccess, newRefresh)));
        accounts.put(newAccess, email);
    }

    public void busy(String email, Instant start, Instant end) {
        busy.computeIfAbsent(email.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(new Instant[] {start, end});
    }

    /** Every call to {@code path} answers {@code status} until the stub is removed. */
    public StubMapping answer(String path, int status, String body) {
        return server.stubFor(post(urlPathEqualTo(path)).atPriority(1).willReturn(ZoomSimulator.json(status, body)));
    }

    public void remove(StubMapping stub) {
        server.removeStub(stub);
    }

    /** Requests to {@code path} sent with {@code access}, as JSON. */
    public List<JsonNode> requests(String path, String access) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + access)))
                .stream().map(CalendarSimulator::json).toList();
    }

    public List<LoggedRequest> revocations(String token) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/revoke")).withRequestBody(containing(token)));
    }

    /** What the calendar of {@code email} shows busy: the intervals a test set and the events written into it. */
    private List<Instant[]> busyOf(String email) {
        List<Instant[]> all = new ArrayList<>(busy.getOrDefault(email.toLowerCase(Locale.ROOT), List.of()));
        all.addAll(events(email));
        return all;
    }

    /** Google's free/busy answer merges overlapping and touching busy times into one interval. */
    private static List<Instant[]> merged(List<Instant[]> intervals) {
        List<Instant[]> sorted = new ArrayList<>(intervals);
        sorted.sort((a, b) -> a[0].compareTo(b[0]));
        List<Instant[]> merged = new ArrayList<>();
        for (Instant[] i : sorted) {
            Instant[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !i[0].isAfter(last[1])) {
                last[1] = i[1].isAfter(last[1]) ? i[1] : last[1];
            } else {
                merged.add(new Instant[] {i[0], i[1]});
            }
        }
        return merged;
    }

    private static Instant[] googleTimes(JsonNode event) {
        return new Instant[] {instant(event.path("start").path("dateTime").asText(null)),
                instant(event.path("end").path("dateTime").asText(null))};
    }

    private static Instant[] graphTimes(JsonNode event) {
        return new Instant[] {utc(event.path("start").path("dateTime").asText(null)),
                utc(event.path("end").path("dateTime").asText(null))};
    }

    private static Instant instant(String dateTime) {
        return dateTime == null ? null : java.time.OffsetDateTime.parse(dateTime).toInstant();
    }

    private static Instant utc(String dateTime) {
        return dateTime == null ? null : java.time.LocalDateTime.parse(dateTime).toInstant(ZoneOffset.UTC);
    }

    private static String tokenPath(String provider) {
        return provider.equals("google") ? "/token" : "/common/oauth2/v2.0/token";
    }

    private static ResponseDefinitionBuilder tokens(String access, String refresh) {
        return ZoomSimulator.json(200, """
                {"access_token":"%s","expires_in":3599,"refresh_token":"%s","scope":"openid email calendar",
                 "token_type":"Bearer","id_token":"eyJ.e30.sig"}
                """.formatted(access, refresh));
    }

    private static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String domain(String email) {
        return email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** userinfo, me, freeBusy, getSchedule and the event writes, from the simulator's state. */
    private final class Answers extends StubAnswer {
        static final String NAME = "calendar-answers";

        Answers() {
            super(NAME);
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest r = event.getRequest();
            String path = r.getUrl().replaceFirst("\\?.*", "");
            boolean google = !path.startsWith("/v1.0");
            String auth = r.getHeader("Authorization");
            String account = auth == null ? null : accounts.get(auth.replaceFirst("^Bearer ", ""));
            if (account == null) {
                return google
                        ? answer(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                                + "\"status\":\"UNAUTHENTICATED\"}}")
                        : answer(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired.\"}}");
            }
            ObjectNode out = JSON.createObjectNode();
            switch (path) {
                case "/oauth2/v3/userinfo" -> out.put("sub", "g-" + Math.abs(account.hashCode())).put("email", account)
                        .put("email_verified", true);
                case "/v1.0/me" -> out.put("id", "m-" + Math.abs(account.hashCode())).put("mail", account)
                        .put("userPrincipalName", account).put("displayName", "Simulated User");
                case "/calendar/v3/freeBusy" -> {
                    JsonNode q = json(r);
                    out.put("kind", "calendar#freeBusy").put("timeMin", q.get("timeMin").asText()).put("timeMax", q.get("timeMax").asText());
                    ObjectNode calendars = out.putObject("calendars");
                    for (JsonNode item : q.get("items")) {
                        String id = item.get("id").asText();
                        ObjectNode calendar = calendars.putObject(id);
                        if (!domain(id).equals(domain(account))) {
                            calendar.putArray("errors").addObject().put("domain", "global").put("reason", "notFound");
                            calendar.putArray("busy");
                            continue;
                        }
                        ArrayNode list = calendar.putArray("busy");
                        merged(busyOf(id)).forEach(b ->
                                list.addObject().put("start", b[0].toString()).put("end", b[1].toString()));
                    }
                }
                case "/v1.0/me/calendar/getSchedule" -> {
                    JsonNode q = json(r);
                    ArrayNode value = out.putArray("value");
                    for (JsonNode schedule : q.get("schedules")) {
                        String id = schedule.asText();
                        ObjectNode s = value.addObject().put("scheduleId", id).put("availabilityView", "0000");
                        if (!domain(id).equals(domain(account))) {
                            s.putObject("error").put("message", "The specified user could not be found.").put("responseCode", "ErrorMailRecipientNotFound");
                            continue;
                        }
                        ArrayNode items = s.putArray("scheduleItems");
                        busyOf(id).forEach(b -> {
                            ObjectNode item = items.addObject().put("isPrivate", false).put("status", "busy").put("subject", "Busy");
                            item.putObject("start").put("dateTime", GRAPH_TIME.format(b[0])).put("timeZone", "UTC");
                            item.putObject("end").put("dateTime", GRAPH_TIME.format(b[1])).put("timeZone", "UTC");
                        });
                        ObjectNode free = items.addObject().put("status", "free"); // free time is not busy
                        free.putObject("start").put("dateTime", "2030-01-01T00:00:00.0000000").put("timeZone", "UTC");
                        free.putObject("end").put("dateTime", "2030-01-01T01:00:00.0000000").put("timeZone", "UTC");
                    }
                }
                case GOOGLE_EVENTS -> {
                    JsonNode q = json(r);
                    String id = q.path("id").asText();
                    if (written.putIfAbsent("google/" + account + "/" + id, account) != null) {
                        return answer(409, "{\"error\":{\"errors\":[{\"domain\":\"global\",\"reason\":\"duplicate\","
                                + "\"message\":\"The requested identifier already exists.\"}],\"code\":409,"
                                + "\"message\":\"The requested identifier already exists.\"}}");
                    }
                    events.put("google/" + account + "/" + id, googleTimes(q));
                    out.put("kind", "calendar#event").put("id", id).put("status", "confirmed")
                            .put("htmlLink", "https://www.google.com/calendar/event?eid=" + id);
                }
                case GRAPH_EVENTS -> {
                    JsonNode q = json(r);
                    String tx = q.path("transactionId").asText();
                    String id = written.computeIfAbsent("graph/" + account + "/" + tx, k -> "AAMkAD" + Math.abs(tx.hashCode()));
                    events.putIfAbsent("graph/" + account + "/" + id, graphTimes(q));
                    out.put("id", id).put("transactionId", tx).put("webLink", "https://outlook.office365.com/owa/?itemid=" + id);
                    return answer(201, out.toString());
                }
                default -> {
                    if (path.startsWith(GOOGLE_EVENTS + "/") || path.startsWith(GRAPH_EVENTS + "/")) {
                        return change(r, google, account, path.substring(path.lastIndexOf('/') + 1));
                    }
                    return answer(404, "{}");
                }
            }
            return answer(200, out.toString());
        }

        /** Google's {@code events.patch}/{@code update}/{@code delete}, Graph's {@code PATCH}/{@code DELETE} of one event. */
        private ResponseDefinition change(LoggedRequest r, boolean google, String account, String id) {
            String key = (google ? "google/" : "graph/") + account + "/" + id;
            Instant[] held = events.get(key);
            if (held == null) {
                boolean deleted = google && written.containsKey("google/" + account + "/" + id);
                return google
                        ? answer(deleted ? 410 : 404, "{\"error\":{\"code\":" + (deleted ? 410 : 404) + ",\"message\":\""
                                + (deleted ? "Resource has been deleted" : "Not Found") + "\"}}")
                        : answer(404, "{\"error\":{\"code\":\"ErrorItemNotFound\",\"message\":\"The specified object was not found in the store.\"}}");
            }
            if (r.getMethod().getName().equals("DELETE")) {
                events.remove(key);
                return new ResponseDefinitionBuilder().withStatus(204).build();
            }
            JsonNode q = json(r);
            Instant[] times = google ? googleTimes(q) : graphTimes(q);
            events.put(key, new Instant[] {times[0] != null ? times[0] : held[0], times[1] != null ? times[1] : held[1]});
            return answer(200, JSON.createObjectNode().put("id", id).put("status", "confirmed").toString());
        }

        private ResponseDefinition answer(int status, String body) {
            return new ResponseDefinitionBuilder().withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body).build();
        }
    }
}
