package dev.kaigi.stack.simulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Zoom, Google Calendar, Microsoft Graph, Slack and Salesforce as integration-service calls them, on one HTTP port, in
 * the shapes their documentation gives, accepting any client credentials: meetings and calendar events are created,
 * moved ({@code PATCH}, Google's {@code PUT}) and deleted, each recorded. Nothing is kept between
 * restarts: a token carries the account it was issued for (its email, base64url after the provider's
 * prefix), so links made before a restart keep working.
 *
 * <p>OAuth: an authorization code is the account's email ({@code PUT .../zoom-connection {"code":
 * "host@example.com", "state": ...}}); the authorize pages redirect to the {@code redirect_uri} at once with
 * a code made from {@code login_hint} or a fresh address, as a user who clicked "Allow" would come back.
 *
 * <p>Slack (INT-10): {@code /oauth/v2/authorize} comes back the same way (the code from {@code team} or a fresh
 * workspace name); {@code oauth.v2.access} (form-encoded) makes
 * the code the name of the workspace installed into and answers its bot token ({@code xoxb-} and the name, base64url),
 * which {@code chat.postMessage} accepts until {@code auth.revoke} revokes it ({@code token_revoked} from then on, until
 * a restart). Every answer is HTTP 200 with {@code ok} and, when false, Slack's {@code error}.
 *
 * <p>Salesforce's data: every grant belongs to one Salesforce organization, in which an owner email has
 * as many open opportunities as its local part has digits (so {@code member2@demo.kaigi.dev} has one and
 * {@code owner@demo.kaigi.dev} none): the daily sync and SCH-04's opportunity cap can be watched at work. Every
 * email is an active Salesforce user ({@code SELECT Id, Email FROM User ...}) whose open opportunities
 * {@code SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = ...} lists; the sObject Collections
 * update ({@code PATCH /services/data/v60.0/composite/sobjects}) hands them to another user, each record answered on
 * its own, and the counts follow (LIF-05), until a restart.
 */
final class ProviderApis {

    private static final Set<String> PROVIDERS = Set.of("zoom", "google", "microsoft", "salesforce");
    /** The one Salesforce organization every simulated grant belongs to. */
    static final String SALESFORCE_ORG = "00Dsimulated000001";
    /** Salesforce's aggregate query of open opportunities by owner email, as integration-service sends it (INT-03). */
    private static final Pattern OPEN_BY_OWNER = Pattern.compile(
            "SELECT Owner\\.Email, COUNT\\(Id\\) FROM Opportunity WHERE IsClosed = false AND Owner\\.Email IN \\((.*)\\)"
                    + " GROUP BY Owner\\.Email");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    /** Salesforce's query of active users by email, as integration-service sends it for an ownership transfer (LIF-05). */
    private static final Pattern USERS_BY_EMAIL = Pattern.compile(
            "SELECT Id, Email FROM User WHERE Email IN \\((.*)\\) AND IsActive = true");
    /** Salesforce's query of one user's open opportunities (LIF-05). */
    private static final Pattern OPEN_OWNED = Pattern.compile(
            "SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = '([A-Za-z0-9]{18})'");
    /** A change of one Zoom meeting, Google Calendar event or Graph event: {@code PATCH}, {@code PUT}, {@code DELETE}. */
    private static final Pattern ONE_ITEM = Pattern.compile(
            "(PATCH|PUT|DELETE) (/v2/meetings|/calendar/v3/calendars/primary/events|/v1\\.0/me/events)/([^/]+)");
    /** How many Zoom meetings and Google event ids are kept for the duplicate checks; the oldest go first. */
    private static final int KEPT_ITEMS = 20_000;
    private final Recorder recorder;
    private final AtomicLong meetingIds = new AtomicLong(81_000_000_000L);
    /** Zoom meetings by id, as the list of a user's meetings shows them, with the account's email. */
    private final Map<Long, ObjectNode> meetings = kept();
    /** Slack bot tokens {@code auth.revoke} revoked. */
    private final Map<String, Boolean> revokedSlackTokens = kept();
    /** Google event ids written per account: {@code events.insert} refuses one it has with 409 {@code duplicate}. */
    private final Map<String, Boolean> googleEventIds = kept();
    /** Salesforce opportunities an owner update handed to another user: id -> the new owner's email. */
    private final Map<String, String> movedOpportunities = java.util.Collections.synchronizedMap(kept());
    /** Salesforce users by id, as the user query answered them: every email is an active user. */
    private final Map<String, String> salesforceUsers = java.util.Collections.synchronizedMap(kept());

    ProviderApis(Recorder recorder) {
        this.recorder = recorder;
    }

    void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String route = x.getRequestMethod() + " " + x.getRequestURI().getPath();
            Matcher item = ONE_ITEM.matcher(route);
            if (item.matches()) {
                change(x, item.group(1), item.group(2), item.group(3), json(body));
                return;
            }
            switch (route) {
                case "GET /oauth/authorize", "GET /o/oauth2/v2/auth", "GET /common/oauth2/v2.0/authorize",
                     "GET /services/oauth2/authorize", "GET /oauth/v2/authorize" -> authorize(x);
                case "POST /services/oauth2/token" -> salesforceToken(x, form(body));
                case "POST /services/oauth2/revoke" -> send(x, 200, "{}");
                case "GET /services/oauth2/userinfo" -> withAccount(x, "salesforce", email -> Recorder.JSON.createObjectNode()
                        .put("sub", base(x) + "/id/" + SALESFORCE_ORG + "/005" + Integer.toHexString(email.hashCode()))
                        .put("user_id", "005" + Integer.toHexString(email.hashCode())).put("organization_id", SALESFORCE_ORG)
                        .put("preferred_username", email).put("email", email).put("email_verified", true));
                case "GET /services/data/v60.0/query" -> salesforceQuery(x);
                case "PATCH /services/data/v60.0/composite/sobjects" -> salesforceOwnerUpdate(x, json(body));
                case "POST /oauth/token" -> token(x, "zoom", form(body));
                case "POST /token" -> token(x, "google", form(body));
                case "POST /common/oauth2/v2.0/token" -> token(x, "microsoft", form(body));
                case "POST /oauth/revoke", "POST /revoke" -> send(x, 200, "{}");
                case "GET /v2/users/me" -> withAccount(x, "zoom", email -> Recorder.JSON.createObjectNode()
                        .put("id", "zu" + Integer.toHexString(email.hashCode())).put("email", email)
                        .put("account_id", "simulated").put("type", 2).put("status", "active"));
                case "POST /v2/users/me/meetings" -> withAccount(x, "zoom", email -> zoomMeeting(email, json(body)));
                case "GET /v2/users/me/meetings" -> withAccount(x, "zoom", email -> zoomMeetings(email, query(x)));
                case "GET /oauth2/v3/userinfo" -> withAccount(x, "google", email -> Recorder.JSON.createObjectNode()
                        .put("sub", "g" + Integer.toHexString(email.hashCode())).put("email", email).put("email_verified", true));
                case "POST /calendar/v3/freeBusy" -> withAccount(x, "google", email -> googleFreeBusy(json(body)));
                case "POST /calendar/v3/calendars/primary/events" -> googleInsert(x, json(body));
                case "GET /v1.0/me" -> withAccount(x, "microsoft", email -> Recorder.JSON.createObjectNode()
                        .put("id", "m" + Integer.toHexString(email.hashCode())).put("mail", email).put("userPrincipalName", email)
                        .put("displayName", email));
                case "POST /v1.0/me/calendar/getSchedule" -> withAccount(x, "microsoft", email -> graphSchedule(json(body)));
                case "POST /v1.0/me/events" -> withAccount(x, "microsoft", email -> graphEvent(email, json(body)));
                case "POST /api/oauth.v2.access" -> slackInstall(x, form(body));
                case "POST /api/chat.postMessage" -> slackMessage(x, json(body));
                case "POST /api/auth.revoke" -> slackRevoke(x);
                case "GET /simulator/mails" -> send(x, 200, recorder.matching(r -> r.path("kind").asText().equals("mail")
                        && addressedTo(r, query(x).get("to"))).toString());
                case "GET /simulator/records" -> send(x, 200, recorder.matching(r -> true).toString());
                default -> send(x, 404, "{\"error\":\"not_found\",\"message\":\"the simulators do not play " + route + "\"}");
            }
        } catch (RuntimeException e) {
            System.err.println("simulators: " + x.getRequestURI() + " failed: " + e);
            send(x, 500, "{\"error\":\"simulator_failure\"}");
        }
    }

    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = query(x);
        String fresh = route(x).equals("GET /oauth/v2/authorize") ? "Workspace " + UUID.randomUUID().toString().substring(0, 8)
                : "user-" + UUID.randomUUID().toString().substring(0, 8) + "@simulated.kaigi.dev";
        String code = q.getOrDefault("login_hint", q.getOrDefault("team", fresh));
        String location = q.getOrDefault("redirect_uri", "") + (q.getOrDefault("redirect_uri", "").contains("?") ? "&" : "?")
                + "code=" + encode(code) + "&state=" + encode(q.getOrDefault("state", ""));
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange x, String provider, Map<String, String> form) throws IOException {
        String email = switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> form.getOrDefault("code", "");
            case "refresh_token" -> account(provider, form.getOrDefault("refresh_token", "").replaceFirst("-rt-", "-at-"));
            default -> null;
        };
        if (email == null || !email.contains("@")) {
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"the code must be the account's email address\"}");
            return;
        }
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8));
        send(x, 200, Recorder.JSON.createObjectNode().put("access_token", provider + "-at-" + id).put("token_type", "bearer")
                .put("refresh_token", provider + "-rt-" + id).put("expires_in", 3599).put("scope", "simulated").toString());
    }

    /** Salesforce's token answer: like the others, plus where the organization's API lives ({@code instance_url}). */
    private void salesforceToken(HttpExchange x, Map<String, String> form) throws IOException {
        String email = switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> form.getOrDefault("code", "");
            case "refresh_token" -> account("salesforce", form.getOrDefault("refresh_token", "").replaceFirst("-rt-", "-at-"));
            default -> null;
        };
        if (email == null || !email.contains("@")) {
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
            return;
        }
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8));
        ObjectNode answer = Recorder.JSON.createObjectNode().put("access_token", "salesforce-at-" + id)
                .put("instance_url", base(x)).put("id", base(x) + "/id/" + SALESFORCE_ORG + "/005" + Integer.toHexString(email.hashCode()))
                .put("token_type", "Bearer").put("issued_at", String.valueOf(System.currentTimeMillis())).put("signature", "c2ltdWxhdGVk")
                .put("scope", "refresh_token api");
        if (form.getOrDefault("grant_type", "").equals("authorization_code")) {
            answer.put("refresh_token", "salesforce-rt-" + id); // a refresh grant answers no new refresh token
        }
        send(x, 200, answer.toString());
    }

    /** The aggregate query of open opportunities per owner, answered from the rule in the class comment. */
    private void salesforceQuery(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || account("salesforce", auth.substring(7)) == null) {
            send(x, 401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
            return;
        }
        String soql = query(x).getOrDefault("q", "");
        Matcher users = USERS_BY_EMAIL.matcher(soql);
        Matcher owned = OPEN_OWNED.matcher(soql);
        var records = Recorder.JSON.createArrayNode();
        if (users.matches()) {
            for (String email : literals(users.group(1))) {
                records.addObject().put("Id", salesforceUserId(email)).put("Email", email)
                        .putObject("attributes").put("type", "User");
            }
            recorder.record("salesforce-query", records.size() + " active users");
            sendRecords(x, records);
            return;
        }
        if (owned.matches()) {
            String email = salesforceUsers.get(owned.group(1));
            for (Map.Entry<String, String> o : email == null ? List.<Map.Entry<String, String>>of() : openOpportunities(email)) {
                records.addObject().put("Id", o.getKey()).put("Name", o.getValue()).putObject("attributes").put("type", "Opportunity");
            }
            recorder.record("salesforce-query", records.size() + " open opportunities of " + email);
            sendRecords(x, records);
            return;
        }
        Matcher query = OPEN_BY_OWNER.matcher(soql);
        if (!query.matches()) {
            send(x, 400, "[{\"message\":\"the simulator answers only the open-opportunity count by owner, users by email and a user's open opportunities\",\"errorCode\":\"MALFORMED_QUERY\"}]");
            return;
        }
        for (String email : literals(query.group(1))) {
            long open = openOpportunities(email).size();
            if (open > 0) {
                records.addObject().put("Email", email).put("expr0", open).putObject("attributes").put("type", "AggregateResult");
            }
        }
        recorder.record("salesforce-query", records.size() + " owners with open opportunities");
        sendRecords(x, records);
    }

    private static void sendRecords(HttpExchange x, com.fasterxml.jackson.databind.node.ArrayNode records) throws IOException {
        ObjectNode out = Recorder.JSON.createObjectNode().put("totalSize", records.size()).put("done", true);
        out.set("records", records);
        send(x, 200, out.toString());
    }

    private String salesforceUserId(String email) {
        String id = "005" + "%015x".formatted(email.hashCode() & 0xffffffffL);
        salesforceUsers.put(id, email);
        return id;
    }

    /** The open opportunities (id -> name) {@code email} owns: those of the class comment's rule not handed on, and those handed to them. */
    private List<Map.Entry<String, String>> openOpportunities(String email) {
        long own = email.substring(0, Math.max(email.indexOf('@'), 0)).chars().filter(Character::isDigit).count();
        List<Map.Entry<String, String>> open = new java.util.ArrayList<>();
        for (int i = 1; i <= own; i++) {
            String id = opportunityId(email, i);
            if (!movedOpportunities.containsKey(id)) {
                open.add(Map.entry(id, "Opportunity " + i + " of " + email));
            }
        }
        synchronized (movedOpportunities) {
            movedOpportunities.forEach((id, owner) -> {
                if (owner.equals(email)) {
                    open.add(Map.entry(id, "Opportunity " + id));
                }
            });
        }
        return open;
    }

    private static String opportunityId(String email, int n) {
        return "006" + "%012x".formatted(email.hashCode() & 0xffffffffL) + "%03d".formatted(n);
    }

    /**
     * The sObject Collections update of opportunity owners ({@code allOrNone: false}, at most 200 records): each record
     * answered on its own, {@code {id, success, errors: [{statusCode, message, fields}]}}; an owner the user query never
     * answered is {@code INVALID_CROSS_REFERENCE_KEY}, an opportunity nobody owns {@code ENTITY_IS_DELETED}.
     */
    private void salesforceOwnerUpdate(HttpExchange x, JsonNode request) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || account("salesforce", auth.substring(7)) == null) {
            send(x, 401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
            return;
        }
        JsonNode list = request.path("records");
        if (request.path("allOrNone").asBoolean(true) || !list.isArray() || list.isEmpty() || list.size() > 200) {
            send(x, 400, "[{\"message\":\"1 to 200 records, allOrNone false\",\"errorCode\":\"INVALID_FIELD\"}]");
            return;
        }
        var results = Recorder.JSON.createArrayNode();
        int moved = 0;
        for (JsonNode r : list) {
            String id = r.path("id").asText();
            String newOwner = salesforceUsers.get(r.path("OwnerId").asText());
            List<String> emails;
            synchronized (salesforceUsers) {
                emails = List.copyOf(salesforceUsers.values());
            }
            boolean known = movedOpportunities.containsKey(id) || emails.stream()
                    .anyMatch(email -> openOpportunities(email).stream().anyMatch(o -> o.getKey().equals(id)));
            if (!known || !"Opportunity".equals(r.path("attributes").path("type").asText())) {
                results.add(salesforceFailure("ENTITY_IS_DELETED", "entity is deleted", null));
            } else if (newOwner == null) {
                results.add(salesforceFailure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "OwnerId"));
            } else {
                movedOpportunities.put(id, newOwner);
                results.addObject().put("id", id).put("success", true).putArray("errors");
                moved++;
            }
        }
        recorder.record("salesforce-owner-update", moved + " of " + list.size() + " opportunities handed on");
        send(x, 200, results.toString());
    }

    private static ObjectNode salesforceFailure(String statusCode, String message, String field) {
        ObjectNode failed = Recorder.JSON.createObjectNode().putNull("id").put("success", false);
        ObjectNode error = failed.putArray("errors").addObject().put("statusCode", statusCode).put("message", message);
        var fields = error.putArray("fields");
        if (field != null) {
            fields.add(field);
        }
        return failed;
    }

    private static List<String> literals(String list) {
        List<String> values = new java.util.ArrayList<>();
        Matcher literal = LITERAL.matcher(list);
        while (literal.find()) {
            values.add(literal.group(1).replaceAll("\\\\(.)", "$1").toLowerCase(Locale.ROOT));
        }
        return values;
    }

    /** This server as its callers reach it, e.g. {@code http://127.0.0.1:8090}. */
    private static String base(HttpExchange x) {
        String host = x.getRequestHeaders().getFirst("Host");
        return "http://" + (host != null ? host : "127.0.0.1:" + x.getLocalAddress().getPort());
    }

    private interface Answer {
        ObjectNode to(String email);
    }

    private void withAccount(HttpExchange x, String provider, Answer answer) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String email = auth == null || !auth.startsWith("Bearer ") ? null : account(provider, auth.substring(7));
        if (email == null) {
            send(x, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        ObjectNode out = answer.to(email);
        send(x, route(x).equals("POST /v2/users/me/meetings") || route(x).startsWith("POST /v1.0/me/events") ? 201 : 200,
                out.toString());
    }

    /** The account a token of {@code provider} was issued for, or null. */
    private static String account(String provider, String token) {
        String prefix = provider + "-at-";
        if (!PROVIDERS.contains(provider) || !token.startsWith(prefix)) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(prefix.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ObjectNode zoomMeeting(String email, JsonNode q) {
        long id = meetingIds.incrementAndGet();
        String joinUrl = "https://zoom.simulated.kaigi.dev/j/" + id;
        recorder.record("zoom-meeting", email + ": " + q.path("topic").asText() + " at " + q.path("start_time").asText() + " " + joinUrl);
        ObjectNode meeting = Recorder.JSON.createObjectNode().put("uuid", UUID.randomUUID().toString()).put("id", id)
                .put("host_email", email).put("topic", q.path("topic").asText()).put("type", 2)
                .put("start_time", q.path("start_time").asText()).put("duration", q.path("duration").asInt())
                .put("timezone", q.path("timezone").asText()).put("agenda", q.path("agenda").asText(""))
                .put("join_url", joinUrl);
        synchronized (meetings) {
            meetings.put(id, meeting);
        }
        return meeting;
    }

    /**
     * Zoom's {@code GET /v2/users/me/meetings}: the account's meetings (not deleted), with their agenda, in pages of
     * {@code page_size} (30 by default, 300 at most) linked by {@code next_page_token}.
     */
    private ObjectNode zoomMeetings(String email, Map<String, String> q) {
        int size = Math.min(300, Math.max(1, Integer.parseInt(q.getOrDefault("page_size", "30"))));
        int from = q.getOrDefault("next_page_token", "").isEmpty() ? 0 : Integer.parseInt(q.get("next_page_token"));
        List<ObjectNode> own;
        synchronized (meetings) {
            own = meetings.values().stream().filter(m -> m.path("host_email").asText().equals(email)).toList();
        }
        ObjectNode out = Recorder.JSON.createObjectNode().put("page_size", size).put("total_records", own.size())
                .put("next_page_token", from + size < own.size() ? String.valueOf(from + size) : "");
        var list = out.putArray("meetings");
        own.stream().skip(from).limit(size).forEach(list::add);
        return out;
    }

    /** Google's {@code events.insert}: an event id the account has already answers 409 {@code duplicate}. */
    private void googleInsert(HttpExchange x, JsonNode q) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String email = auth == null || !auth.startsWith("Bearer ") ? null : account("google", auth.substring(7));
        boolean seen;
        synchronized (googleEventIds) {
            seen = email != null && q.hasNonNull("id") && googleEventIds.put(email + "/" + q.path("id").asText(), true) != null;
        }
        if (seen) {
            send(x, 409, "{\"error\":{\"errors\":[{\"domain\":\"global\",\"reason\":\"duplicate\","
                    + "\"message\":\"The requested identifier already exists.\"}],\"code\":409,"
                    + "\"message\":\"The requested identifier already exists.\"}}");
            return;
        }
        withAccount(x, "google", e -> googleEvent(e, q));
    }

    private static <K, V> Map<K, V> kept() {
        return new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > KEPT_ITEMS;
            }
        };
    }

    private static ObjectNode googleFreeBusy(JsonNode q) {
        ObjectNode out = Recorder.JSON.createObjectNode().put("kind", "calendar#freeBusy")
                .put("timeMin", q.path("timeMin").asText()).put("timeMax", q.path("timeMax").asText());
        ObjectNode calendars = out.putObject("calendars");
        q.path("items").forEach(i -> calendars.putObject(i.path("id").asText()).putArray("busy"));
        return out;
    }

    private ObjectNode googleEvent(String email, JsonNode q) {
        String id = q.path("id").asText(UUID.randomUUID().toString().replace("-", ""));
        recorder.record("google-event", email + ": " + q.path("summary").asText() + " " + q.path("start").path("dateTime").asText());
        return Recorder.JSON.createObjectNode().put("kind", "calendar#event").put("id", id).put("status", "confirmed")
                .put("htmlLink", "https://calendar.simulated.kaigi.dev/event?eid=" + id);
    }

    private static ObjectNode graphSchedule(JsonNode q) {
        ObjectNode out = Recorder.JSON.createObjectNode();
        var value = out.putArray("value");
        q.path("schedules").forEach(s -> {
            ObjectNode v = value.addObject().put("scheduleId", s.asText()).put("availabilityView", "");
            v.putArray("scheduleItems");
            v.putObject("workingHours");
        });
        return out;
    }

    private ObjectNode graphEvent(String email, JsonNode q) {
        String tx = q.path("transactionId").asText(UUID.randomUUID().toString());
        recorder.record("outlook-event", email + ": " + q.path("subject").asText() + " " + q.path("start").path("dateTime").asText());
        ObjectNode event = Recorder.JSON.createObjectNode().put("id", "AAMk" + tx).put("transactionId", tx)
                .put("subject", q.path("subject").asText()).put("webLink", "https://outlook.simulated.kaigi.dev/" + tx);
        event.set("start", q.path("start"));
        event.set("end", q.path("end"));
        return event;
    }

    /**
     * Zoom's {@code PATCH}/{@code DELETE /v2/meetings/{id}} (204), Google's {@code events.patch}/{@code update} (200,
     * the event) and {@code events.delete} (204), Graph's {@code PATCH} (200, the event) and {@code DELETE
     * /me/events/{id}} (204). Nothing is kept, so every item a token names exists.
     */
    private void change(HttpExchange x, String method, String collection, String id, JsonNode q) throws IOException {
        String provider = switch (collection) {
            case "/v2/meetings" -> "zoom";
            case "/v1.0/me/events" -> "microsoft";
            default -> "google";
        };
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String email = auth == null || !auth.startsWith("Bearer ") ? null : account(provider, auth.substring(7));
        if (email == null) {
            send(x, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        String kind = switch (provider) {
            case "zoom" -> "zoom-meeting";
            case "microsoft" -> "outlook-event";
            default -> "google-event";
        };
        String when = provider.equals("zoom") ? q.path("start_time").asText("") : q.path("start").path("dateTime").asText("");
        recorder.record(kind + (method.equals("DELETE") ? "-deleted" : "-updated"),
                email + ": " + id + (when.isEmpty() ? "" : " to " + when));
        if (method.equals("DELETE") && provider.equals("zoom") && id.matches("[0-9]{1,18}")) {
            synchronized (meetings) {
                meetings.remove(Long.parseLong(id));
            }
        }
        if (method.equals("DELETE") || provider.equals("zoom")) {
            x.sendResponseHeaders(204, -1);
            return;
        }
        ObjectNode event = Recorder.JSON.createObjectNode().put("id", id).put("status", "confirmed");
        q.fields().forEachRemaining(f -> event.set(f.getKey(), f.getValue()));
        send(x, 200, event.toString());
    }

    /** Slack's {@code oauth.v2.access}: the code names the workspace; the answer is a workspace install's bot token. */
    private void slackInstall(HttpExchange x, Map<String, String> form) throws IOException {
        String workspace = form.getOrDefault("code", "");
        if (workspace.isBlank() || form.getOrDefault("client_id", "").isBlank()
                || form.getOrDefault("client_secret", "").isBlank()) {
            send(x, 200, "{\"ok\":false,\"error\":\"" + (workspace.isBlank() ? "invalid_code" : "invalid_client_id") + "\"}");
            return;
        }
        String id = Integer.toHexString(workspace.hashCode()).toUpperCase(Locale.ROOT);
        String token = "xoxb-" + Base64.getUrlEncoder().withoutPadding().encodeToString(workspace.getBytes(StandardCharsets.UTF_8));
        synchronized (revokedSlackTokens) {
            revokedSlackTokens.remove(token); // installed again: the workspace's bot works again
        }
        ObjectNode answer = Recorder.JSON.createObjectNode().put("ok", true).put("app_id", "A0SIMULATED")
                .put("scope", "chat:write").put("token_type", "bot").put("access_token", token)
                .put("bot_user_id", "U0BOT" + id).put("is_enterprise_install", false);
        answer.putObject("team").put("id", "T" + id).put("name", workspace);
        answer.putNull("enterprise");
        answer.putObject("authed_user").put("id", "U0INSTALLER");
        recorder.record("slack-install", workspace);
        send(x, 200, answer.toString());
    }

    private void slackMessage(HttpExchange x, JsonNode q) throws IOException {
        String refused = slackTokenRefused(x);
        if (refused != null) {
            send(x, 200, "{\"ok\":false,\"error\":\"" + refused + "\"}");
            return;
        }
        String ts = String.format("%d.%06d", System.currentTimeMillis() / 1000, meetingIds.incrementAndGet() % 1_000_000);
        recorder.record("slack-message", slackWorkspace(x) + " " + q.path("channel").asText() + ": " + q.path("text").asText());
        send(x, 200, Recorder.JSON.createObjectNode().put("ok", true).put("channel", q.path("channel").asText()).put("ts", ts).toString());
    }

    /** Slack's {@code auth.revoke}: the token stops working; Slack answers {@code revoked: true}. */
    private void slackRevoke(HttpExchange x) throws IOException {
        String refused = slackTokenRefused(x);
        if (refused != null) {
            send(x, 200, "{\"ok\":false,\"error\":\"" + refused + "\"}");
            return;
        }
        synchronized (revokedSlackTokens) {
            revokedSlackTokens.put(bearer(x), true);
        }
        recorder.record("slack-uninstall", slackWorkspace(x));
        send(x, 200, "{\"ok\":true,\"revoked\":true}");
    }

    /** Slack's error for the request's bot token, or null when it is a live one. */
    private String slackTokenRefused(HttpExchange x) {
        if (slackWorkspace(x) == null) {
            return "invalid_auth";
        }
        synchronized (revokedSlackTokens) {
            return revokedSlackTokens.containsKey(bearer(x)) ? "token_revoked" : null;
        }
    }

    /** The workspace a bot token was issued for, or null. */
    private static String slackWorkspace(HttpExchange x) {
        String token = bearer(x);
        if (!token.startsWith("xoxb-")) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(5)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String bearer(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        return auth == null || !auth.startsWith("Bearer ") ? "" : auth.substring(7);
    }

    private static boolean addressedTo(ObjectNode mail, String to) {
        if (to == null) {
            return true;
        }
        for (JsonNode r : mail.path("to")) {
            if (r.asText().equalsIgnoreCase(to)) {
                return true;
            }
        }
        return false;
    }

    private static String route(HttpExchange x) {
        return x.getRequestMethod() + " " + x.getRequestURI().getPath();
    }

    private static JsonNode json(String body) {
        try {
            return body.isBlank() ? Recorder.JSON.createObjectNode() : Recorder.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, String> query(HttpExchange x) {
        String raw = x.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    /** An application/x-www-form-urlencoded body or query; a repeated name keeps its last value. */
    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).filter(pair -> pair.indexOf('=') > 0).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair.substring(0, pair.indexOf('=')), StandardCharsets.UTF_8),
                pair -> URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8),
                (first, last) -> last));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
