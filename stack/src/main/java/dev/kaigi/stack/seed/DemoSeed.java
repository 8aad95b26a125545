package dev.kaigi.stack.seed;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ./kaigi seed}: the demo organization, made through the services' public APIs with real Keycloak
 * tokens, so that a booking works at once. Safe to run again: what exists is kept.
 *
 * <ol>
 *   <li>The owner (a realm user without an organization yet) signs up: the organization and its super admin.
 *       user-service's Keycloak sync then writes {@code org_id}, {@code uid} and {@code roles} onto the account.</li>
 *   <li>The subscription: STANDARD, team licences on, 10 regular and 2 team seats.</li>
 *   <li>A partner's webhook endpoint: the simulators' receiver {@code demo} subscribed to every meeting.* and user.*
 *       event, the subscription's secret registered with it, so it verifies each delivery's signature.</li>
 *   <li>Kaigi's Slack app installed into the organization's workspace "Demo Co." at the simulators (INT-10).</li>
 *   <li>The manager, two members and a team user are added (same domain as the super admin: ACTIVE at once,
 *       INV-04); the sync adopts their realm accounts.</li>
 *   <li>The manager and the members are hosts: Mon–Fri 09:00–18:00 Asia/Tokyo with a lunch break, Zoom and
 *       Google Calendar linked at the provider simulators.</li>
 *   <li>A meeting type "Product demo" (30 min, Zoom, reminders a day and an hour before) with the three hosts in
 *       its pool; the partner client is given the organization.</li>
 *   <li>A booking's life, as a lead lives it: booked at the first free slot, moved to the next one and then
 *       cancelled through its manage link. Each step's Zoom call and mail (with its invitation) is waited for, so
 *       the simulators' records and mails show them; the slot is free again afterwards. The booking's three
 *       events are then waited for at the webhook receiver, verified.</li>
 * </ol>
 */
public final class DemoSeed {

    static final String ZONE = "Asia/Tokyo";
    static final String MEETING_TYPE = "Product demo";
    static final Person OWNER = new Person("owner@demo.kaigi.dev", "Aiko", "Sato", "OWNER", "REGULAR", false);
    static final List<Person> STAFF = List.of(
            new Person("manager@demo.kaigi.dev", "Kenji", "Tanaka", "MANAGER", "REGULAR", true),
            new Person("member1@demo.kaigi.dev", "Yui", "Suzuki", "MEMBER", "REGULAR", true),
            new Person("member2@demo.kaigi.dev", "Haruto", "Ito", "MEMBER", "REGULAR", true),
            new Person("team@demo.kaigi.dev", "Mei", "Kato", "MEMBER", "TEAM", false));
    private static final Duration SYNC_WAIT = Duration.ofSeconds(90);
    /** The simulators' webhook receiver the seed subscribes. */
    static final String WEBHOOK_RECEIVER = "demo";
    static final List<String> WEBHOOK_TYPES = List.of("meeting.booked", "meeting.cancelled", "meeting.rescheduled",
            "meeting.reassigned", "user.invited", "user.joined", "user.deactivated", "user.deleted");

    record Person(String email, String firstName, String lastName, String role, String userType, boolean host) {
    }

    /** What the seed made: enough for a booking. */
    public record Demo(String orgId, String meetingTypeId, Map<String, String> hostIds, String firstSlot, String webhookSubscriptionId) {
    }

    private final StackUrls urls;
    private final Keycloak keycloak;
    private final String keycloakAdmin;
    private final String keycloakAdminPassword;

    public DemoSeed(StackUrls urls, String keycloakAdmin, String keycloakAdminPassword) {
        this.urls = urls;
        this.keycloak = new Keycloak(urls.keycloak());
        this.keycloakAdmin = keycloakAdmin;
        this.keycloakAdminPassword = keycloakAdminPassword;
    }

    public static void main(String[] args) {
        StackUrls urls = StackUrls.fromArgs(args);
        Demo demo = new DemoSeed(urls, System.getenv().getOrDefault("KAIGI_KEYCLOAK_ADMIN", "admin"),
                System.getenv().getOrDefault("KAIGI_KEYCLOAK_ADMIN_PASSWORD", "admin")).run();
        System.out.println(ReadyCurls.describe(urls, demo));
    }

    public Demo run() {
        String orgId = signUp();
        step("organization " + orgId + " (super admin " + OWNER.email() + ")");
        String owner = keycloak.userToken(OWNER.email());
        subscription(owner);
        String webhooks = webhookSubscription(owner);
        installSlack(owner);
        Map<String, String> ids = addStaff(owner);
        Map<String, String> hosts = new LinkedHashMap<>();
        for (Person p : STAFF) {
            if (p.host()) {
                hosts.put(p.email(), ids.get(p.email()));
                prepareHost(owner, p, ids.get(p.email()));
            }
        }
        String meetingType = meetingType(owner, List.copyOf(hosts.values()));
        keycloak.assignPartnerTo(orgId, keycloakAdmin, keycloakAdminPassword);
        step("partner client " + Keycloak.PARTNER_CLIENT + " acts for the organization");
        List<String> slots = freeSlots(owner, meetingType);
        step("free slots from " + slots.get(0));
        String booking = bookingLife(owner, meetingType, slots.get(0), slots.get(1));
        awaitWebhooks(booking);
        return new Demo(orgId, meetingType, hosts, slots.get(0), webhooks);
    }

    private String signUp() {
        String token = keycloak.userToken(OWNER.email());
        if (!Keycloak.claims(token).hasNonNull("org_id")) {
            Api.Answer created = Api.post(urls.user() + "/api/v1/organizations", token, Map.of("name", "Demo Co.", "timeZone", ZONE,
                    "firstName", OWNER.firstName(), "lastName", OWNER.lastName()));
            // 409: signed up before, the sync has not reached Keycloak yet
            created.expect(201, 409);
        }
        return Await.until("the owner's token to carry org_id (user-service's Keycloak sync)", SYNC_WAIT, () ->
                Optional.ofNullable(Keycloak.claims(keycloak.userToken(OWNER.email())).get("org_id")).map(JsonNode::asText));
    }

    private void subscription(String owner) {
        String base = urls.licensing() + "/api/v1/subscription";
        JsonNode subscription = Await.until("licensing-service to know the organization", SYNC_WAIT, () -> {
            Api.Answer a = Api.get(base, owner);
            return a.status() == 200 ? Optional.of(a.body()) : Optional.empty();
        });
        if ("FREE".equals(subscription.path("plan").asText())) {
            Api.put(base + "/plan", owner, Map.of("plan", "STANDARD")).expect(200);
        }
        Api.put(base + "/team-licences", owner, Map.of("enabled", true)).expect(200);
        Api.put(base + "/seats/REGULAR", owner, Map.of("purchased", 10)).expect(200);
        Api.put(base + "/seats/TEAM", owner, Map.of("purchased", 2)).expect(200);
        step("subscription STANDARD: 10 regular seats, 2 team seats");
    }

    /**
     * The owner subscribes the simulators' receiver to the organization's meeting and user events and hands it the
     * secret. The secret is shown only when made, so on a second run (or after the simulators restarted) the
     * existing subscription's secret is rotated and the new one registered: the receiver verifies any delivery
     * signed with it, also during the rotation's overlap.
     */
    private String webhookSubscription(String owner) {
        String base = urls.integration() + "/api/v1/webhook-subscriptions";
        String url = urls.simulators() + "/simulator/webhooks/" + WEBHOOK_RECEIVER;
        String id = null;
        for (JsonNode existing : Api.get(base, owner).expect(200).body()) {
            if (url.equals(existing.path("url").asText())) {
                id = existing.path("id").asText();
            }
        }
        String secret;
        if (id == null) {
            JsonNode created = Api.post(base, owner, Map.of("url", url, "eventTypes", WEBHOOK_TYPES,
                    "description", "the stack's simulated partner endpoint (./kaigi seed)", "enabled", true)).expect(201).body();
            id = created.path("id").asText();
            secret = created.path("secret").asText();
        } else {
            Api.put(base + "/" + id, owner, Map.of("url", url, "eventTypes", WEBHOOK_TYPES,
                    "description", "the stack's simulated partner endpoint (./kaigi seed)", "enabled", true)).expect(200);
            secret = Api.post(base + "/" + id + "/secret-rotations", owner, Map.of("overlapMinutes", 60)).expect(201).body()
                    .path("secret").asText();
        }
        Api.put(urls.simulators() + "/simulator/webhook-receivers/" + WEBHOOK_RECEIVER, null, Map.of("secret", secret)).expect(200);
        step("webhook subscription " + id + ": " + String.join(", ", WEBHOOK_TYPES) + " to " + url
                + " (its secret registered with the receiver, which verifies each delivery)");
        return id;
    }

    /** The booking's three events at the webhook receiver, each verified against the subscription's secret. */
    private void awaitWebhooks(String bookingId) {
        String deliveries = urls.simulators() + "/simulator/webhooks/" + WEBHOOK_RECEIVER + "/deliveries?verified=true&limit=10000";
        List<String> expected = List.of("meeting.booked", "meeting.rescheduled", "meeting.cancelled");
        List<JsonNode> arrived = Await.until("the booking's webhooks at the simulators' receiver", SYNC_WAIT, () -> {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode d : Api.get(deliveries, null).expect(200).body().path("deliveries")) {
                if (bookingId.equals(d.path("subject").asText()) && !d.path("duplicate").asBoolean()) {
                    found.add(d);
                }
            }
            return found.stream().map(d -> d.path("type").asText()).distinct().count() == expected.size()
                    ? Optional.of(found) : Optional.empty();
        });
        for (JsonNode d : arrived) {
            step("  webhook " + d.path("type").asText() + " " + d.path("webhookId").asText() + " received "
                    + d.path("receivedAt").asText() + ", signature verified");
        }
    }

    /** The owner installs Kaigi's Slack app; the simulated Slack makes the code the workspace's name. */
    private void installSlack(String owner) {
        String base = urls.integration() + "/api/v1/organization/slack-installation";
        Api.Answer installed = Api.get(base, owner);
        if (installed.status() != 200 || !"ACTIVE".equals(installed.body().path("status").asText())) {
            String state = state(Api.post(base + "/authorization", owner, null).expect(200).body());
            Api.put(base, owner, Map.of("code", "Demo Co.", "state", state)).expect(200);
        }
        step("Slack app installed into the workspace \"Demo Co.\" (simulated)");
    }

    private Map<String, String> addStaff(String owner) {
        Map<String, String> profiles = new LinkedHashMap<>();
        for (JsonNode p : Api.get(urls.user() + "/api/v1/permission-profiles", owner).expect(200).body()) {
            if (p.path("system").asBoolean()) {
                profiles.put(p.path("userType").asText(), p.path("id").asText());
            }
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode u : Api.get(urls.user() + "/api/v1/users?size=200", owner).expect(200).body().path("items")) {
            ids.put(u.path("email").asText().toLowerCase(), u.path("id").asText());
        }
        for (Person p : STAFF) {
            if (!ids.containsKey(p.email())) {
                JsonNode user = Api.post(urls.user() + "/api/v1/users", owner, Map.of("email", p.email(), "firstName", p.firstName(),
                        "lastName", p.lastName(), "role", p.role(), "userType", p.userType(),
                        "permissionProfileId", profiles.get(p.userType()), "locale", "en")).expect(201).body();
                ids.put(p.email(), user.path("id").asText());
            }
        }
        for (Person p : STAFF) {
            Await.until(p.email() + "'s token to carry uid (user-service's Keycloak sync)", SYNC_WAIT, () ->
                    Optional.ofNullable(Keycloak.claims(keycloak.userToken(p.email())).get("uid")));
        }
        step("users: " + OWNER.email() + " (OWNER, super admin), "
                + String.join(", ", STAFF.stream().map(p -> p.email() + " (" + p.role() + ", " + p.userType() + ")").toList()));
        return ids;
    }

    private void prepareHost(String owner, Person p, String userId) {
        String schedule = urls.scheduling() + "/api/v1/users/" + userId + "/work-schedule";
        Api.Answer current = Await.until("scheduling-service to know host " + p.email(), SYNC_WAIT, () -> {
            Api.Answer a = Api.get(schedule, owner);
            return a.status() == 200 ? Optional.of(a) : Optional.empty();
        });
        List<Map<String, Object>> weekdays = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            boolean working = !day.startsWith("S");
            weekdays.add(working
                    ? Map.of("day", day, "enabled", true, "start", "09:00", "end", "18:00",
                            "breaks", List.of(Map.of("start", "12:00", "end", "13:00")), "dailyCap", 8)
                    : Map.of("day", day, "enabled", false));
        }
        Map<String, String> ifMatch = current.header("ETag") == null ? Map.of() : Map.of("If-Match", current.header("ETag"));
        Api.call("PUT", schedule, owner, Map.of("timeZone", ZONE, "weekdays", weekdays), ifMatch).expect(200);

        String host = keycloak.userToken(p.email());
        String integration = urls.integration() + "/api/v1/users/" + userId;
        if (Api.get(integration + "/zoom-connection", host).status() != 200) {
            String state = state(Api.post(integration + "/zoom-connection/authorization", host, null).expect(200).body());
            Api.put(integration + "/zoom-connection", host, Map.of("code", p.email(), "state", state)).expect(200);
        }
        if (Api.get(integration + "/calendar-connection", host).status() != 200) {
            String state = state(Api.post(integration + "/calendar-connection/authorization", host, Map.of("provider", "GOOGLE"))
                    .expect(200).body());
            Api.put(integration + "/calendar-connection", host, Map.of("code", p.email(), "state", state)).expect(200);
        }
        step("host " + p.email() + ": Mon–Fri 09:00–18:00 " + ZONE + ", Zoom and Google Calendar linked (simulated)");
    }

    /** The {@code state} of an authorize URL, which the provider hands back to the redirect page. */
    private static String state(JsonNode authorization) {
        String url = authorization.path("authorizeUrl").asText();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("state=")) {
                return java.net.URLDecoder.decode(pair.substring(6), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no state in " + url);
    }

    private String meetingType(String owner, List<String> hostIds) {
        String base = urls.scheduling() + "/api/v1/meeting-types";
        for (JsonNode t : Api.get(base + "?size=200", owner).expect(200).body().path("items")) {
            if (MEETING_TYPE.equals(t.path("name").asText())) {
                return t.path("id").asText();
            }
        }
        String id = Api.post(base, owner, Map.of("name", MEETING_TYPE, "durationMinutes", 30, "conferencingMethod", "ZOOM",
                "hostPool", hostIds, "slotStepMinutes", 30, "reminderMinutesBefore", List.of(1440, 60))).expect(201).body()
                .path("id").asText();
        step("meeting type \"" + MEETING_TYPE + "\" " + id + " (30 min, Zoom, reminders 24 h and 1 h before, pool of "
                + hostIds.size() + " hosts)");
        return id;
    }

    /** The first two bookable starts over the next two weeks; hosts become eligible once their links reach scheduling-service. */
    private List<String> freeSlots(String owner, String meetingType) {
        LocalDate today = LocalDate.now(ZoneId.of(ZONE));
        String url = urls.scheduling() + "/api/v1/meeting-types/" + meetingType + "/availability?from=" + today
                + "&to=" + today.plusDays(13) + "&timeZone=" + Api.encode(ZONE);
        return Await.until("free slots (hosts' Zoom and calendar links reaching scheduling-service)", SYNC_WAIT, () -> {
            List<String> starts = new ArrayList<>();
            for (JsonNode day : Api.get(url, owner).expect(200).body().path("days")) {
                day.path("slots").forEach(slot -> starts.add(slot.path("start").asText()));
            }
            return starts.size() >= 2 ? Optional.of(starts.subList(0, 2)) : Optional.empty();
        });
    }

    /**
     * A lead's booking, booked, moved and cancelled (MTG-01, MTG-02, MTG-03, MTG-06), each step waited for until the
     * lead's mail of it arrived at the simulated SMTP server: its Zoom meeting and calendar event were made, moved and
     * deleted by then, as {@code /simulator/records} shows.
     */
    private String bookingLife(String owner, String meetingType, String start, String later) {
        String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        JsonNode booking = Api.post(urls.scheduling() + "/api/v1/bookings", owner, Map.of("meetingTypeId", meetingType,
                "start", start, "lead", Map.of("name", "Taro Yamada", "email", lead, "company", "Customer K.K.",
                        "locale", "ja"))).expect(201).body();
        String link = urls.scheduling() + "/api/v1/public/bookings/" + booking.path("manageToken").asText();
        awaitMails(lead, 1);
        step("booking " + booking.path("id").asText() + " for " + lead + " at " + start + " (Zoom meeting, calendar event, "
                + "mails with the invitation)");
        Api.post(link + "/reschedule", null, Map.of("start", later)).expect(200);
        awaitMails(lead, 2);
        step("  moved by the lead to " + later + " through the manage link (Zoom meeting and event moved, invitation updated)");
        Api.post(link + "/cancel", null, Map.of("reason", "demo of a cancellation")).expect(200);
        awaitMails(lead, 3);
        step("  cancelled by the lead (Zoom meeting and event deleted, cancellation sent); see " + urls.simulators()
                + "/simulator/mails?to=" + lead);
        return booking.path("id").asText();
    }

    private void awaitMails(String to, int n) {
        Await.until(n + " mails to " + to, SYNC_WAIT, () -> Optional.of(Api.get(urls.simulators() + "/simulator/mails?to="
                + Api.encode(to), null).expect(200).body()).filter(mails -> mails.size() >= n));
    }

    private static void step(String what) {
        System.out.println("seed: " + what);
    }
}
