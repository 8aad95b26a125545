package dev.kaigi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The providers integration-service talks to, played by the load generator on one HTTP port and one SMTP
 * port, in the shapes their documentation gives (the same shapes as integration-service's own test
 * simulators): Zoom ({@code /oauth/token}, {@code /oauth/revoke}, {@code GET /v2/users/me},
 * {@code POST /v2/users/me/meetings}), Google ({@code /token}, {@code /revoke}, {@code /oauth2/v3/userinfo},
 * {@code /calendar/v3/freeBusy}, {@code /calendar/v3/calendars/primary/events}: a repeated event id answers
 * 409 {@code duplicate}), Microsoft ({@code /common/oauth2/v2.0/token}, Graph {@code /v1.0/me},
 * {@code /v1.0/me/calendar/getSchedule}, {@code /v1.0/me/events}: a repeated {@code transactionId} answers
 * the event made before), Slack ({@code /api/chat.postMessage}) and an SMTP server.
 *
 * Changes of what a booking created: Zoom {@code PATCH}/{@code DELETE /v2/meetings/{id}}, Google
 * {@code PATCH}/{@code DELETE .../events/{id}}, Graph {@code PATCH}/{@code DELETE /v1.0/me/events/{id}}.
 *
 * <p>Every side effect of a booking is recognised by the booking id the benchmark puts into the lead's name
 * and email address (Zoom topic, Slack text, mail recipient or body), by the calendar key integration-service
 * derives from it (the booking id's hex digits, with {@code s<sequence>} for an event written after booking), or
 * by the Zoom meeting id the simulator gave it. It counts for the booking's step in progress ({@link #expect}: the
 * benchmark sends a booking's next event only after its previous step is done), and its arrival time is recorded
 * (the first arrival of each kind, and how many arrived). Authorization codes name the user
 * ({@code zoom-code-<user id>}); tokens answer only for the user they were issued to.
 */
final class ProviderSimulators implements AutoCloseable {

    enum Kind {
        ZOOM_MEETING, ZOOM_UPDATE, ZOOM_DELETE, CALENDAR_EVENT, CALENDAR_UPDATE, CALENDAR_DELETE, LEAD_MAIL, HOST_MAIL,
        PREVIOUS_HOST_MAIL, SLACK_MENTION
    }

    /** A step of a booking's life and the side effects that make it done. */
    enum Step {
        BOOKED(Kind.ZOOM_MEETING, Kind.CALENDAR_EVENT, Kind.LEAD_MAIL, Kind.HOST_MAIL, Kind.SLACK_MENTION),
        RESCHEDULED(Kind.ZOOM_UPDATE, Kind.CALENDAR_UPDATE, Kind.LEAD_MAIL, Kind.HOST_MAIL),
        REASSIGNED(Kind.ZOOM_DELETE, Kind.ZOOM_MEETING, Kind.CALENDAR_DELETE, Kind.CALENDAR_EVENT, Kind.LEAD_MAIL,
                Kind.HOST_MAIL, Kind.PREVIOUS_HOST_MAIL, Kind.SLACK_MENTION),
        CANCELLED(Kind.ZOOM_DELETE, Kind.CALENDAR_DELETE, Kind.LEAD_MAIL, Kind.HOST_MAIL, Kind.SLACK_MENTION);

        final java.util.Set<Kind> effects;

        Step(Kind first, Kind... rest) {
            effects = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(first, rest));
        }

        /** The effects that must carry the booking's Zoom join URL: what tells of a meeting that goes on. */
        boolean needsJoinUrl(Kind kind) {
            return this != CANCELLED && kind != Kind.ZOOM_MEETING && kind != Kind.ZOOM_UPDATE && kind != Kind.ZOOM_DELETE
                    && kind != Kind.CALENDAR_DELETE && kind != Kind.PREVIOUS_HOST_MAIL;
        }
    }

    static final String CLIENT_ID = "bench-client-id";
    static final String CLIENT_SECRET = "bench-client-secret";
    static final String SLACK_BOT_TOKEN = "xoxb-bench-bot-token";
    private static final Pattern BOOKING = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String GOOGLE_401 = "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}";
    private static final String GRAPH_401 = "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired.\"}}";
    /** A calendar key: the booking id's hex digits, and the sequence of the step that wrote it after booking. */
    private static final Pattern CALENDAR_KEY = Pattern.compile("([0-9a-f]{32})(s[0-9]+)?");
    private static final Pattern MEETING_PATH = Pattern.compile("/v2/meetings/([0-9]+)");
    private static final Pattern GOOGLE_EVENT_PATH = Pattern.compile("/calendar/v3/calendars/primary/events/([^/]+)");
    private static final Pattern GRAPH_EVENT_PATH = Pattern.compile("/v1\\.0/me/events/AAMk([^/]+)");

    /** What reached the simulators for one step of one booking. Guarded by itself. */
    static final class Arrivals {
        final Step step;
        final String hostEmail;
        final String previousHostEmail;
        final long[] firstNanos = new long[Kind.values().length];
        /** side effects the provider took (a Google insert refused as duplicate, a Graph replay, do not count) */
        final int[] accepted = new int[Kind.values().length];
        /** requests, including refused repeats */
        final int[] requests = new int[Kind.values().length];
        final boolean[] withoutJoinUrl = new boolean[Kind.values().length];
        String joinUrl;

        Arrivals(Step step, String hostEmail, String previousHostEmail, String joinUrl) {
            this.step = step;
            this.hostEmail = hostEmail;
            this.previousHostEmail = previousHostEmail;
            this.joinUrl = joinUrl;
        }

        synchronized boolean complete() {
            for (Kind k : step.effects) {
                if (accepted[k.ordinal()] == 0) {
                    return false;
                }
            }
            return true;
        }

        synchronized long lastNanos() {
            long last = Long.MIN_VALUE;
            for (Kind k : step.effects) {
                last = Math.max(last, firstNanos[k.ordinal()]);
            }
            return last;
        }
    }

    private final HttpServer http;
    private final ExecutorService workers = Executors.newFixedThreadPool(6);
    private final SmtpSink smtp;
    /** booking key -> its step in progress */
    private final Map<String, Arrivals> bookings = new ConcurrentHashMap<>();
    /** Zoom meeting id -> booking key */
    private final Map<Long, String> zoomMeetings = new ConcurrentHashMap<>();
    /** host user id -> email, registered by the benchmark before the OAuth links */
    private final Map<String, String> hostEmails = new ConcurrentHashMap<>();
    /** access token -> user id, per provider prefix */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> calls = new ConcurrentHashMap<>();
    private final Map<String, Long> unmatched = new ConcurrentHashMap<>();
    private final AtomicLong zoomIds = new AtomicLong(85_000_000_000L);
    private final AtomicLong slackSeq = new AtomicLong();

    ProviderSimulators(int httpPort, int smtpPort) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 128);
        http.createContext("/", this::handle);
        http.setExecutor(workers);
        http.start();
        smtp = new SmtpSink(smtpPort, this::mail);
    }

    void host(UUID userId, String email) {
        hostEmails.put(userId.toString(), email);
    }

    /**
     * The arrivals of a booking's next step, from now on; created when the benchmark publishes its event. The
     * booking's Zoom join URL carries over until a step creates another meeting.
     */
    Arrivals expect(UUID bookingId, Step step, String hostEmail, String previousHostEmail) {
        String key = key(bookingId.toString());
        Arrivals before = bookings.get(key);
        String joinUrl = null;
        if (before != null) {
            synchronized (before) {
                joinUrl = before.joinUrl;
            }
        }
        Arrivals next = new Arrivals(step, hostEmail, previousHostEmail, joinUrl);
        bookings.put(key, next);
        return next;
    }

    Map<String, Long> calls() {
        return new TreeMap<>(calls);
    }

    Map<String, Long> unmatched() {
        return new TreeMap<>(unmatched);
    }

    int port() {
        return http.getAddress().getPort();
    }

    // ------------------------------------------------------------------ recording

    private static String key(String bookingId) {
        return bookingId.replace("-", "");
    }

    /** Records a side effect of the booking's step in progress; false when no known booking is named. */
    private boolean arrived(long nanos, Kind kind, String bookingKey, boolean accepted, String content) {
        Arrivals a = bookingKey == null ? null : bookings.get(bookingKey);
        if (a == null) {
            unmatched.merge(kind.name(), 1L, Long::sum);
            return false;
        }
        synchronized (a) {
            a.requests[kind.ordinal()]++;
            if (accepted) {
                if (a.accepted[kind.ordinal()]++ == 0) {
                    a.firstNanos[kind.ordinal()] = nanos;
                }
                if (a.step.needsJoinUrl(kind) && (a.joinUrl == null || content == null || !content.contains(a.joinUrl))) {
                    a.withoutJoinUrl[kind.ordinal()] = true;
                }
            }
        }
        return true;
    }

    /** The booking a calendar key or event id names. */
    private static String calendarBooking(String key) {
        Matcher m = CALENDAR_KEY.matcher(key == null ? "" : key);
        return m.matches() ? m.group(1) : null;
    }

    /** The id in {@code path} when it matches {@code pattern}; null otherwise. */
    private static String idIn(Pattern pattern, String path) {
        Matcher m = pattern.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    private static String bookingIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = BOOKING.matcher(text);
        return m.find() ? key(m.group()) : null;
    }

    private void mail(List<String> recipients, String content) {
        long now = System.nanoTime();
        calls.merge("SMTP DATA", 1L, Long::sum);
        String body = readableMail(content);
        for (String to : recipients) {
            String lower = to.toLowerCase(Locale.ROOT);
            if (lower.startsWith("lead-")) {
                arrived(now, Kind.LEAD_MAIL, bookingIn(lower), true, body);
            } else if (hostEmails.containsValue(lower)) {
                String booking = bookingIn(body);
                Arrivals a = booking == null ? null : bookings.get(booking);
                boolean previous = a != null && lower.equals(a.previousHostEmail);
                arrived(now, previous ? Kind.PREVIOUS_HOST_MAIL : Kind.HOST_MAIL, booking, true, body);
            } else {
                unmatched.merge("MAIL to " + to.replaceAll(".*@", "@"), 1L, Long::sum);
            }
        }
    }

    /** The mail with quoted-printable undone (soft line breaks, {@code =XX} bytes) and base64 runs decoded, for searching. */
    private static String readableMail(String content) {
        StringBuilder decoded = new StringBuilder(quotedPrintable(content));
        int blank = content.indexOf("\r\n\r\n");
        if (blank > 0 && content.toLowerCase(Locale.ROOT).contains("content-transfer-encoding: base64")) {
            StringBuilder run = new StringBuilder();
            for (String line : content.substring(blank + 4).split("\r\n")) {
                if (line.matches("[A-Za-z0-9+/=]{4,}")) {
                    run.append(line);
                } else if (!run.isEmpty()) {
                    decoded.append('\n').append(base64(run.toString()));
                    run.setLength(0);
                }
            }
            if (!run.isEmpty()) {
                decoded.append('\n').append(base64(run.toString()));
            }
        }
        return decoded.toString();
    }

    private static String quotedPrintable(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 2 < s.length() && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') {
                i += 2; // soft line break
            } else if (c == '=' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String base64(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange x) throws IOException {
        long now = System.nanoTime();
        try (x) {
            String body;
            try (InputStream in = x.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            calls.merge(method + " " + (idIn(MEETING_PATH, path) != null || path.matches(".*/events/[^/]+")
                    ? path.replaceAll("/[^/]+$", "/{id}") : path), 1L, Long::sum);
            String bearer = header(x, "Authorization");
            bearer = bearer != null && bearer.startsWith("Bearer ") ? bearer.substring(7) : null;
            switch (method + " " + path) {
                // Zoom
                case "POST /oauth/token" -> token(x, "zoom", form(body));
                case "POST /oauth/revoke" -> send(x, 200, "{\"status\":\"success\"}");
                case "GET /v2/users/me" -> {
                    String user = user("zoom", bearer);
                    if (user == null) {
                        send(x, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
                    } else {
                        ObjectNode me = Json.MAPPER.createObjectNode().put("id", "zu" + user.replace("-", "").substring(0, 20))
                                .put("email", hostEmails.getOrDefault(user, user + "@zoom.bench.test"))
                                .put("account_id", "bench-account").put("type", 2).put("status", "active");
                        send(x, 200, me.toString());
                    }
                }
                case "POST /v2/users/me/meetings" -> {
                    if (user("zoom", bearer) == null) {
                        send(x, 401, "{\"code\":124,\"message\":\"Access token is expired.\"}");
                        return;
                    }
                    JsonNode q = Json.MAPPER.readTree(body);
                    long id = zoomIds.incrementAndGet();
                    String joinUrl = "https://zoom.bench.test/j/" + id + "?pwd=bench";
                    String booking = bookingIn(q.path("topic").asText());
                    Arrivals a = booking == null ? null : bookings.get(booking);
                    if (a != null) {
                        zoomMeetings.put(id, booking);
                        synchronized (a) {
                            if (a.accepted[Kind.ZOOM_MEETING.ordinal()] == 0) {
                                a.joinUrl = joinUrl; // the step's own meeting replaces the one before
                            }
                        }
                    }
                    arrived(now, Kind.ZOOM_MEETING, booking, true, body);
                    ObjectNode m = Json.MAPPER.createObjectNode().put("uuid", UUID.randomUUID().toString()).put("id", id)
                            .put("host_id", "bench-host").put("topic", q.path("topic").asText()).put("type", 2)
                            .put("start_time", q.path("start_time").asText()).put("duration", q.path("duration").asInt())
                            .put("timezone", q.path("timezone").asText()).put("created_at", java.time.Instant.now().toString())
                            .put("join_url", joinUrl).put("password", "bench");
                    send(x, 201, m.toString());
                }
                // Google
                case "POST /token" -> token(x, "google", form(body));
                case "POST /revoke" -> send(x, 200, "{}");
                case "GET /oauth2/v3/userinfo" -> {
                    String user = user("google", bearer);
                    if (user == null) {
                        send(x, 401, GOOGLE_401);
                    } else {
                        send(x, 200, Json.MAPPER.createObjectNode().put("sub", "g" + user.replace("-", ""))
                                .put("email", hostEmails.get(user)).put("email_verified", true).toString());
                    }
                }
                case "POST /calendar/v3/freeBusy" -> {
                    if (user("google", bearer) == null) {
                        send(x, 401, GOOGLE_401);
                        return;
                    }
                    JsonNode q = Json.MAPPER.readTree(body);
                    ObjectNode out = Json.MAPPER.createObjectNode().put("kind", "calendar#freeBusy")
                            .put("timeMin", q.path("timeMin").asText()).put("timeMax", q.path("timeMax").asText());
                    ObjectNode cals = out.putObject("calendars");
                    q.path("items").forEach(i -> cals.putObject(i.path("id").asText()).putArray("busy"));
                    send(x, 200, out.toString());
                }
                case "POST /calendar/v3/calendars/primary/events" -> {
                    if (user("google", bearer) == null) {
                        send(x, 401, GOOGLE_401);
                        return;
                    }
                    String id = Json.MAPPER.readTree(body).path("id").asText("");
                    String booking = calendarBooking(id);
                    boolean first;
                    Arrivals a = booking == null ? null : bookings.get(booking);
                    synchronized (a == null ? this : a) {
                        first = a == null || a.accepted[Kind.CALENDAR_EVENT.ordinal()] == 0;
                        arrived(now, Kind.CALENDAR_EVENT, booking, first, body);
                    }
                    if (!first) {
                        send(x, 409, "{\"error\":{\"errors\":[{\"domain\":\"global\",\"reason\":\"duplicate\",\"message\":\"The requested identifier already exists.\"}],\"code\":409,\"message\":\"The requested identifier already exists.\"}}");
                    } else {
                        send(x, 200, Json.MAPPER.createObjectNode().put("kind", "calendar#event").put("id", id).put("status", "confirmed")
                                .put("htmlLink", "https://calendar.bench.test/event?eid=" + id).toString());
                    }
                }
                // Microsoft
                case "POST /common/oauth2/v2.0/token" -> token(x, "microsoft", form(body));
                case "GET /v1.0/me" -> {
                    String user = user("microsoft", bearer);
                    if (user == null) {
                        send(x, 401, GRAPH_401);
                    } else {
                        send(x, 200, Json.MAPPER.createObjectNode().put("id", user).put("mail", hostEmails.get(user))
                                .put("userPrincipalName", hostEmails.get(user)).put("displayName", "Bench Host").toString());
                    }
                }
                case "POST /v1.0/me/calendar/getSchedule" -> {
                    if (user("microsoft", bearer) == null) {
                        send(x, 401, GRAPH_401);
                        return;
                    }
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    ArrayNode value = out.putArray("value");
                    Json.MAPPER.readTree(body).path("schedules").forEach(s -> {
                        ObjectNode v = value.addObject().put("scheduleId", s.asText()).put("availabilityView", "");
                        v.putArray("scheduleItems");
                        v.putObject("workingHours");
                    });
                    send(x, 200, out.toString());
                }
                case "POST /v1.0/me/events" -> {
                    if (user("microsoft", bearer) == null) {
                        send(x, 401, GRAPH_401);
                        return;
                    }
                    JsonNode q = Json.MAPPER.readTree(body);
                    String tx = q.path("transactionId").asText("");
                    String booking = calendarBooking(tx);
                    Arrivals a = booking == null ? null : bookings.get(booking);
                    synchronized (a == null ? this : a) {
                        boolean first = a == null || a.accepted[Kind.CALENDAR_EVENT.ordinal()] == 0;
                        arrived(now, Kind.CALENDAR_EVENT, booking, first, body);
                    }
                    ObjectNode ev = Json.MAPPER.createObjectNode().put("id", "AAMk" + tx).put("transactionId", tx)
                            .put("subject", q.path("subject").asText()).put("webLink", "https://outlook.bench.test/" + tx);
                    ev.set("start", q.path("start"));
                    ev.set("end", q.path("end"));
                    send(x, 201, ev.toString());
                }
                // Slack: the bench organization's install (oauth.v2.access) answers the one bot token the posts carry
                case "POST /api/oauth.v2.access" -> {
                    Map<String, String> f = form(body);
                    if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
                        send(x, 200, "{\"ok\":false,\"error\":\"invalid_client_id\"}");
                        return;
                    }
                    send(x, 200, "{\"ok\":true,\"app_id\":\"A0BENCH\",\"scope\":\"chat:write\",\"token_type\":\"bot\","
                            + "\"access_token\":\"" + SLACK_BOT_TOKEN + "\",\"bot_user_id\":\"U0BENCHBOT\","
                            + "\"team\":{\"id\":\"T0BENCH\",\"name\":\"Bench\"},\"enterprise\":null,\"is_enterprise_install\":false}");
                }
                case "POST /api/chat.postMessage" -> {
                    if (!SLACK_BOT_TOKEN.equals(bearer)) {
                        send(x, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                        return;
                    }
                    JsonNode q = Json.MAPPER.readTree(body);
                    String text = q.path("text").asText();
                    arrived(now, Kind.SLACK_MENTION, bookingIn(text), true, text);
                    String ts = "1700000000." + String.format(Locale.ROOT, "%06d", slackSeq.incrementAndGet());
                    ObjectNode out = Json.MAPPER.createObjectNode().put("ok", true).put("channel", "D0BENCH" + q.path("channel").asText())
                            .put("ts", ts);
                    out.putObject("message").put("type", "message").put("subtype", "bot_message").put("text", text).put("ts", ts);
                    send(x, 200, out.toString());
                }
                default -> change(x, now, method, path, bearer, body);
            }
        } catch (RuntimeException e) {
            System.err.println("bench: simulators: " + x.getRequestURI() + " failed: " + e);
            send(x, 500, "{\"error\":\"simulator_failure\"}");
        }
    }

    /** A change of what a booking created: a Zoom meeting, a Google or Graph calendar event, moved or deleted. */
    private void change(HttpExchange x, long now, String method, String path, String bearer, String body) throws IOException {
        boolean delete = "DELETE".equals(method);
        if (!delete && !"PATCH".equals(method)) {
            notFound(x, method, path);
            return;
        }
        String zoomId = idIn(MEETING_PATH, path);
        String googleId = idIn(GOOGLE_EVENT_PATH, path);
        String graphTx = idIn(GRAPH_EVENT_PATH, path);
        if (zoomId != null) {
            if (user("zoom", bearer) == null) {
                send(x, 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
                return;
            }
            arrived(now, delete ? Kind.ZOOM_DELETE : Kind.ZOOM_UPDATE, zoomMeetings.get(Long.parseLong(zoomId)), true, body);
            noContent(x);
        } else if (googleId != null || graphTx != null) {
            boolean google = googleId != null;
            if (user(google ? "google" : "microsoft", bearer) == null) {
                send(x, 401, google ? GOOGLE_401 : GRAPH_401);
                return;
            }
            arrived(now, delete ? Kind.CALENDAR_DELETE : Kind.CALENDAR_UPDATE, calendarBooking(google ? googleId : graphTx), true, body);
            if (delete) {
                noContent(x);
            } else if (google) {
                send(x, 200, Json.MAPPER.createObjectNode().put("kind", "calendar#event").put("id", googleId).put("status", "confirmed").toString());
            } else {
                send(x, 200, Json.MAPPER.createObjectNode().put("id", "AAMk" + graphTx).put("transactionId", graphTx).toString());
            }
        } else {
            notFound(x, method, path);
        }
    }

    private void notFound(HttpExchange x, String method, String path) throws IOException {
        unmatched.merge(method + " " + path, 1L, Long::sum);
        send(x, 404, "{\"error\":\"not_found\"}");
    }

    private static void noContent(HttpExchange x) throws IOException {
        x.sendResponseHeaders(204, -1);
    }

    /** The OAuth token endpoint of {@code provider}: an authorization code names its user; refreshes keep the user. */
    private void token(HttpExchange x, String provider, Map<String, String> form) throws IOException {
        String user = null;
        if ("authorization_code".equals(form.get("grant_type"))) {
            String code = form.getOrDefault("code", "");
            if (code.startsWith(provider + "-code-")) {
                user = code.substring(provider.length() + 6);
            }
        } else if ("refresh_token".equals(form.get("grant_type"))) {
            user = tokens.get(provider + "/" + form.getOrDefault("refresh_token", ""));
        }
        boolean clientOk = provider.equals("zoom")
                ? ("Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                        .equals(header(x, "Authorization"))
                : CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        if (user == null || !clientOk || !hostEmails.containsKey(user)) {
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}");
            return;
        }
        String access = provider + "-at-" + UUID.randomUUID();
        String refresh = provider + "-rt-" + UUID.randomUUID();
        tokens.put(provider + "/" + access, user);
        tokens.put(provider + "/" + refresh, user);
        send(x, 200, Json.MAPPER.createObjectNode().put("access_token", access).put("token_type", "bearer")
                .put("refresh_token", refresh).put("expires_in", 3599).put("scope", "bench").toString());
    }

    private String user(String provider, String bearer) {
        return bearer == null ? null : tokens.get(provider + "/" + bearer);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String header(HttpExchange x, String name) {
        return x.getRequestHeaders().getFirst(name);
    }

    private static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Per step and effect: how many steps got it exactly once, not at all, more than once; repeats refused; join URL
     * missing; and effects no step of that kind should have.
     */
    static Map<String, Object> summary(List<Arrivals> steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Step step : Step.values()) {
            Map<Kind, long[]> byKind = new EnumMap<>(Kind.class);
            long count = 0;
            for (Arrivals a : steps) {
                if (a.step != step) {
                    continue;
                }
                count++;
                synchronized (a) {
                    for (Kind k : Kind.values()) {
                        int n = a.accepted[k.ordinal()];
                        if (!step.effects.contains(k) && n == 0) {
                            continue;
                        }
                        long[] c = byKind.computeIfAbsent(k, x -> new long[6]);
                        if (!step.effects.contains(k)) {
                            c[5] += n;
                            continue;
                        }
                        c[n == 0 ? 1 : n == 1 ? 0 : 2]++;
                        c[3] += a.requests[k.ordinal()] - n;
                        c[4] += a.withoutJoinUrl[k.ordinal()] ? 1 : 0;
                    }
                }
            }
            if (count == 0) {
                continue;
            }
            Map<String, Object> effects = new LinkedHashMap<>();
            effects.put("steps", count);
            byKind.forEach((k, c) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                if (step.effects.contains(k)) {
                    m.put("exactly_once", c[0]);
                    m.put("missing", c[1]);
                    m.put("duplicated", c[2]);
                    m.put("repeats_refused_by_provider", c[3]);
                    if (step.needsJoinUrl(k)) {
                        m.put("without_zoom_join_url", c[4]);
                    }
                } else {
                    m.put("unexpected", c[5]);
                }
                effects.put(k.name().toLowerCase(Locale.ROOT), m);
            });
            out.put(step.name().toLowerCase(Locale.ROOT), effects);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        workers.shutdownNow();
        smtp.close();
    }
}
