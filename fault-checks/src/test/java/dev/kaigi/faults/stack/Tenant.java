package dev.kaigi.faults.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An organization made the way production makes it: user-service's events (organization created,
 * users joined) and integration-service's (calendar linked) on the broker, then schedules, a meeting
 * type and seats through the services' APIs.
 */
public final class Tenant {

    public static final String ZONE = "Asia/Tokyo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    public final UUID orgId = UUID.randomUUID();
    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public Tenant(Stack stack) {
        this.stack = stack;
        stack.events.publish(new OrganizationCreated(orgId, "Fault Checks KK", UUID.randomUUID(), "ceo@faults.example", ZONE));
        Await.until("organization " + orgId + " known to scheduling-service", () -> ZONE.equals(
                get(scheduling(), "/api/v1/organization/default-work-schedule").path("timeZone").asText()), WAIT);
    }

    public String ownerToken() {
        return TestTokens.user(orgId, UUID.randomUUID(), "owner");
    }

    public String managerToken() {
        return TestTokens.user(orgId, UUID.randomUUID(), "manager");
    }

    private String scheduling() {
        return stack.scheduling.get(0).baseUri();
    }

    /** Active regular members as user-service announces them (with an email, so integration-service can mail them). */
    public List<UUID> join(int count) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID user = UUID.randomUUID();
            stack.events.publish(new UserJoined(orgId, user, "host-" + user + "@faults.example", "Sato", "Hana", Role.MEMBER,
                    UserType.REGULAR, UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null));
            users.add(user);
        }
        return users;
    }

    /**
     * Makes {@code users} hosts every rule lets through: a linked calendar and a schedule of every day
     * {@code start}–{@code end} in {@link #ZONE} with {@code dailyCap} meetings a day (null: none).
     */
    public void hosts(List<UUID> users, String start, String end, Integer dailyCap) {
        for (UUID user : users) {
            stack.events.publish(new CalendarLinked(orgId, user, CalendarProvider.GOOGLE, "cal-" + user + "@faults.example"));
        }
        String days = Arrays.stream(DayOfWeek.values()).map(d -> "{\"day\":\"" + d + "\",\"enabled\":true,\"start\":\"" + start
                + "\",\"end\":\"" + end + "\",\"breaks\":[],\"dailyCap\":" + dailyCap + "}").collect(Collectors.joining(","));
        String schedule = "{\"timeZone\":\"" + ZONE + "\",\"opportunityCap\":null,\"weekdays\":[" + days + "]}";
        for (UUID user : users) {
            String path = "/api/v1/users/" + user + "/work-schedule";
            Await.until("host " + user + " known to scheduling-service", () -> send(scheduling(), "GET", path, null, null).statusCode() == 200, WAIT);
            // the link changes the host's version: the schedule's ETag is read after it, or the PUT may answer 409
            Await.until("calendar of " + user + " linked", () -> get(scheduling(), "/api/v1/hosts/" + user).path("calendarLinked").asBoolean(), WAIT);
            String etag = send(scheduling(), "GET", path, null, null).headers().firstValue("ETag").orElseThrow();
            expect(200, send(scheduling(), "PUT", path, schedule, etag));
        }
    }

    /** A 30-minute phone meeting type named {@code name} over {@code pool}, bookable from now to a year ahead; its id. */
    public UUID meetingType(String name, List<UUID> pool) {
        return meetingType(name, pool, "PHONE");
    }

    /** A 30-minute meeting type held by {@code conferencingMethod} (PHONE, ZOOM, ...); its id. */
    public UUID meetingType(String name, List<UUID> pool, String conferencingMethod) {
        String ids = pool.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
        HttpResponse<String> r = send(scheduling(), "POST", "/api/v1/meeting-types", """
                {"name":"%s","durationMinutes":30,"conferencingMethod":"%s","hostPool":[%s],"slotStepMinutes":30,
                 "minimumNoticeMinutes":0,"bookingHorizonDays":365}""".formatted(name, conferencingMethod, ids), null);
        return UUID.fromString(body(expect(201, r)).path("id").asText());
    }

    /** Waits until licensing-service knows {@code users}, then sets the purchased regular seats. */
    public void seats(List<UUID> users, int purchased) {
        try (var c = Stack.db(Stack.LICENSING_DB)) {
            Await.until("users known to licensing-service", () -> {
                try (var s = c.prepareStatement("select count(*) from org_user where org_id = ? and status = 'ACTIVE'")) {
                    s.setObject(1, orgId);
                    var rs = s.executeQuery();
                    rs.next();
                    return rs.getInt(1) >= users.size();
                }
            }, WAIT);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        expect(200, send(stack.licensing.get(0).baseUri(), "PUT", "/api/v1/subscription/seats/REGULAR",
                "{\"purchased\":" + purchased + "}", null));
    }

    public JsonNode get(String baseUri, String path) {
        return body(expect(200, send(baseUri, "GET", path, null, null)));
    }

    /** As an OWNER of the organization (managers may create meeting types too; owners may do all this). */
    public HttpResponse<String> send(String baseUri, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ownerToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new AssertionError(r.request().method() + " " + r.uri() + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static JsonNode body(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(r.body(), e);
        }
    }
}
