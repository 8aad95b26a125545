package dev.kaigi.integration;

import dev.kaigi.events.licensing.SeatAssigned;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.user.Role;
import dev.kaigi.integration.WebhookReceiver.Received;
import dev.kaigi.integration.webhook.HostResolver;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.ScrapedMetrics;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HOOK-01 … HOOK-04: partner webhooks through the service, the database, the broker and a receiver that verifies. */
@QuarkusTest
class WebhooksTest {

    static final String PATH = "/api/v1/webhook-subscriptions";
    private static final Instant START = Instant.parse("2031-06-02T01:00:00Z");
    private static final List<String> MEETINGS = List.of("meeting.booked", "meeting.cancelled", "meeting.rescheduled",
            "meeting.reassigned");
    private static WebhookReceiver receiver;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    record Org(UUID id, UUID owner, String ownerEmail) {
    }

    record Subscription(String id, String secret) {
    }

    private Org org() {
        UUID id = organization(db, "Acme");
        String email = "owner-" + UUID.randomUUID() + "@acme.test";
        return new Org(id, activeUser(db, id, email, Role.OWNER), email);
    }

    static RequestSpecification owner(Org org) {
        return given().auth().oauth2(TestTokens.user(org.id(), org.owner(), "owner")).contentType("application/json");
    }

    private Subscription subscribe(Org org, String path, List<String> types) {
        var created = owner(org).body(Map.of("url", receiver.url(path), "eventTypes", types, "description", "CRM sync"))
                .post(PATH).then().statusCode(201).extract();
        Subscription s = new Subscription(created.path("id"), created.path("secret"));
        receiver.secrets(path, s.secret());
        return s;
    }

    private static MeetingBooked booked(Org org, UUID host, UUID booking, String lead) {
        return new MeetingBooked(org.id(), booking, UUID.randomUUID(), "製品デモ", host, START, START.plusSeconds(1800),
                "Asia/Tokyo", ConferencingMethod.PHONE, "Lead Person", lead, "Lead Corp", "en", null,
                MeetingCalendar.uid(booking), 0);
    }

    private static MeetingCancelled cancelled(Org org, UUID host, UUID booking, String lead) {
        return new MeetingCancelled(org.id(), booking, host, "製品デモ", ConferencingMethod.PHONE, START,
                START.plusSeconds(1800), "Asia/Tokyo", "Lead Person", lead, null, "en", "changed plans", null, null,
                MeetingCalendar.uid(booking), 1, MeetingActor.LEAD);
    }

    private static String lead() {
        return "lead-" + UUID.randomUUID() + "@customer.test";
    }

    @Test
    @DisplayName("HOOK-01: an OWNER subscribes, reads, changes and deletes; the secret is shown once; every change audited")
    void subscriptionsLifeCycle() throws Exception {
        Org org = org();
        var created = owner(org).body(Map.of("url", receiver.url("life"), "eventTypes", List.of("meeting.booked", "user.joined")))
                .post(PATH).then().statusCode(201)
                .body("secret", startsWith("whsec_")).body("enabled", equalTo(true))
                .header("Location", containsString(PATH + "/")).extract();
        String id = created.path("id");
        owner(org).get(PATH).then().statusCode(200).body("[0].id", equalTo(id)).body("[0]", not(hasKey("secret")));
        owner(org).body(Map.of("url", receiver.url("life2"), "eventTypes", List.of("seat.assigned"), "enabled", false))
                .put(PATH + "/{id}", id).then().statusCode(200)
                .body("url", equalTo(receiver.url("life2"))).body("eventTypes", equalTo(List.of("seat.assigned")))
                .body("enabled", equalTo(false));
        owner(org).get(PATH + "/{id}", id).then().statusCode(200).body("enabled", equalTo(false));
        owner(org).delete(PATH + "/{id}", id).then().statusCode(204);
        owner(org).get(PATH + "/{id}", id).then().statusCode(404);
        assertEquals(3, count(db, "select count(*) from audit_trail where org_id = ? and target_id = ? and action in "
                + "('WEBHOOK_SUBSCRIPTION_CREATED', 'WEBHOOK_SUBSCRIPTION_UPDATED', 'WEBHOOK_SUBSCRIPTION_DELETED')",
                org.id(), UUID.fromString(id)));
        assertEquals(0, count(db, "select count(*) from audit_trail where org_id = ? and cast(after as text) like '%whsec_%'", org.id()));
    }

    @Test
    @DisplayName("HOOK-01: a partner with webhooks:write subscribes, webhooks:read only reads, another organization's id is 404")
    void partnersAndTenants() {
        Org org = org();
        String id = given().auth().oauth2(TestTokens.partner(org.id(), "webhooks:write")).contentType("application/json")
                .body(Map.of("url", receiver.url("partner"), "eventTypes", List.of("meeting.booked")))
                .post(PATH).then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.partner(org.id(), "webhooks:read")).get(PATH + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.partner(org.id(), "webhooks:read")).contentType("application/json")
                .body(Map.of("url", receiver.url("partner"), "eventTypes", List.of("meeting.booked")))
                .post(PATH).then().statusCode(403);
        Org other = org();
        owner(other).get(PATH + "/{id}", id).then().statusCode(404);
        owner(other).delete(PATH + "/{id}", id).then().statusCode(404);
        owner(other).get(PATH + "/{id}/deliveries", id).then().statusCode(404);
    }

    @Test
    @DisplayName("HOOK-01, HOOK-04: a URL that is not HTTP(S), carries credentials, does not resolve or reaches a private, loopback, link-local or metadata address is refused, naming the field")
    void badUrlsAreRefused() {
        Org org = org();
        Map<String, String> cases = Map.of(
                "ftp://example.com/hook", "webhook-url-invalid",
                "https://user:pw@example.com/hook", "webhook-url-invalid",
                "http://10.1.2.3/hook", "webhook-url-private",
                "http://169.254.169.254/latest/meta-data", "webhook-url-private",
                "http://[::1]:8080/hook", "webhook-url-private",
                "http://127.0.0.2:8080/hook", "webhook-url-private",
                "http://[::ffff:192.168.0.1]/hook", "webhook-url-private",
                "https://no-such-host.invalid/hook", "webhook-url-unresolved");
        cases.forEach((url, reason) -> owner(org).body(Map.of("url", url, "eventTypes", List.of("meeting.booked")))
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url")).body("errors[0].code", equalTo(reason)));
        owner(org).header("Accept-Language", "ja").body(Map.of("url", receiver.url("x"), "eventTypes", List.of("meeting.sold")))
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("eventTypes[0]"))
                .body("errors[0].message", containsString("不明なイベント種別"));
        owner(org).get(PATH).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @DisplayName("HOOK-02, HOOK-03: a booking reaches the receiver signed as Standard Webhooks specifies (verified by its library), once however often the event is read; the log shows it")
    void aBookingArrivesSignedOnce() throws Exception {
        Org org = org();
        UUID host = activeUser(db, org.id(), "host-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        Subscription s = subscribe(org, "signed", MEETINGS);
        UUID booking = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        TestEvents.publish(eventId, booked(org, host, booking, lead()));
        TestEvents.publish(eventId, booked(org, host, booking, lead()));
        Await.until("the booking at the receiver", () -> receiver.accepted("signed").size() == 1);
        Received r = receiver.accepted("signed").get(0);
        assertEquals(List.of(s.secret()), r.verifiedBy());
        assertEquals("meeting.booked", r.type());
        assertEquals(booking.toString(), r.subjectId());
        assertEquals(org.id().toString(), r.body().path("data").path("orgId").asText());
        assertTrue(r.webhookId().matches("msg_[0-9a-f]{32}"), r.webhookId());
        Thread.sleep(500);
        assertEquals(1, receiver.at("signed").size(), "one event read twice is one delivery");
        owner(org).get(PATH + "/{id}/deliveries", s.id()).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].webhookId", equalTo(r.webhookId())).body("items[0].lastStatusCode", equalTo(204));
        String deliveryId = owner(org).get(PATH + "/{id}/deliveries", s.id()).then().extract().path("items[0].id");
        owner(org).get(PATH + "/{id}/deliveries/{d}", s.id(), deliveryId).then().statusCode(200)
                .body("payload.type", equalTo("meeting.booked")).body("attempts[0].statusCode", equalTo(204))
                .body("attempts[0].latencyMillis", greaterThanOrEqualTo(0));
    }

    @Test
    @DisplayName("HOOK-03, HOOK-04: the receiver fails, then times out, then comes back: every event arrives, once per webhook-id, in order per booking and user")
    void everythingArrivesInOrderThroughFaults() throws Exception {
        Org org = org();
        UUID host = activeUser(db, org.id(), "host-" + UUID.randomUUID() + "@acme.test", Role.MEMBER);
        subscribe(org, "faulty", List.of("meeting.booked", "meeting.cancelled", "seat.assigned"));
        receiver.mode("faulty", "fail");
        List<UUID> bookings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID booking = UUID.randomUUID();
            bookings.add(booking);
            String lead = lead();
            TestEvents.publish(booked(org, host, booking, lead));
            TestEvents.publish(cancelled(org, host, booking, lead));
        }
        UUID seatHolder = UUID.randomUUID();
        TestEvents.publish(new SeatAssigned(org.id(), seatHolder, SeatPool.REGULAR));
        Await.until("failed attempts", () -> receiver.at("faulty").stream().filter(r -> r.answered() == 500).count() >= 3);
        receiver.mode("faulty", "timeout");
        Await.until("timed-out attempts", () -> receiver.at("faulty").stream().filter(r -> r.answered() == 504).count() >= 2);
        receiver.mode("faulty", "ok");
        Await.until("all nine events", () -> receiver.accepted("faulty").size() == 9, Duration.ofSeconds(60));

        List<Received> accepted = receiver.accepted("faulty");
        for (UUID booking : bookings) {
            List<String> steps = accepted.stream().filter(r -> r.subjectId().equals(booking.toString()))
                    .map(Received::type).toList();
            assertEquals(List.of("meeting.booked", "meeting.cancelled"), steps, "order of " + booking);
        }
        Map<String, Long> attemptsPerId = receiver.at("faulty").stream()
                .collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
        assertEquals(9, attemptsPerId.size(), "retries keep their webhook-id");
        assertTrue(attemptsPerId.values().stream().anyMatch(n -> n > 1), "some deliveries were retried: " + attemptsPerId);
        assertTrue(receiver.at("faulty").stream().allMatch(r -> !r.verifiedBy().isEmpty()), "every attempt is signed");
    }

    @Test
    @DisplayName("HOOK-04: no delivery carries another organization's data; a dead endpoint beside a live one does not hold the live one back")
    void organizationsAreIsolatedAndADeadEndpointHoldsBackOnlyItself() {
        Org a = org();
        Org b = org();
        subscribe(a, "org-a", List.of("seat.assigned"));
        subscribe(b, "org-b", List.of("seat.assigned"));
        subscribe(b, "org-b-dead", List.of("seat.assigned"));
        receiver.mode("org-b-dead", "timeout");
        for (int i = 0; i < 12; i++) {
            TestEvents.publish(new SeatAssigned(a.id(), UUID.randomUUID(), SeatPool.REGULAR));
            TestEvents.publish(new SeatAssigned(b.id(), UUID.randomUUID(), SeatPool.REGULAR));
        }
        // the dead one holds at most its window of 8 requests for a second each; the live ones are done long before
        Await.until("b's twelve at its live endpoint", () -> receiver.accepted("org-b").size() == 12, Duration.ofSeconds(5));
        Await.until("a's twelve", () -> receiver.accepted("org-a").size() == 12, Duration.ofSeconds(5));
        assertTrue(receiver.at("org-a").stream().allMatch(r -> r.body().path("data").path("orgId").asText().equals(a.id().toString())));
        assertTrue(receiver.at("org-b").stream().allMatch(r -> r.body().path("data").path("orgId").asText().equals(b.id().toString())));
        receiver.mode("org-b-dead", "ok");
    }

    @Test
    @DisplayName("HOOK-02: after a rotation both secrets sign during the overlap; with no overlap only the new one")
    void rotationOverlap() {
        Org org = org();
        Subscription s = subscribe(org, "rotating", List.of("seat.assigned"));
        String second = owner(org).body(Map.of("overlapMinutes", 60)).post(PATH + "/{id}/secret-rotations", s.id())
                .then().statusCode(201).body("previousSecretExpiresAt", not(nullValue())).extract().path("secret");
        receiver.secrets("rotating", s.secret(), second);
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("the first delivery", () -> receiver.accepted("rotating").size() == 1);
        assertEquals(List.of(s.secret(), second), receiver.accepted("rotating").get(0).verifiedBy());

        String third = owner(org).body(Map.of("overlapMinutes", 0)).post(PATH + "/{id}/secret-rotations", s.id())
                .then().statusCode(201).extract().path("secret");
        receiver.secrets("rotating", s.secret(), second, third);
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("the second delivery", () -> receiver.accepted("rotating").size() == 2);
        assertEquals(List.of(third), receiver.accepted("rotating").get(1).verifiedBy());
        owner(org).body(Map.of("overlapMinutes", 10081)).post(PATH + "/{id}/secret-rotations", s.id())
                .then().statusCode(400).body("errors[0].field", containsString("overlapMinutes"));
    }

    @Test
    @DisplayName("HOOK-03: a delivery is sent again by hand under the same webhook-id; the log marks the attempt")
    void redeliverByHand() {
        Org org = org();
        Subscription s = subscribe(org, "again", List.of("seat.assigned"));
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("the delivery", () -> receiver.accepted("again").size() == 1);
        String deliveryId = owner(org).get(PATH + "/{id}/deliveries", s.id()).then().extract().path("items[0].id");
        owner(org).post(PATH + "/{id}/deliveries/{d}/redeliveries", s.id(), deliveryId).then().statusCode(202)
                .body("status", equalTo("PENDING"));
        Await.until("the second arrival", () -> receiver.at("again").size() == 2);
        assertEquals(receiver.at("again").get(0).webhookId(), receiver.at("again").get(1).webhookId());
        Await.until("the attempt logged", () -> owner(org).get(PATH + "/{id}/deliveries/{d}", s.id(), deliveryId)
                .then().extract().jsonPath().getList("attempts").size() == 2);
        owner(org).get(PATH + "/{id}/deliveries/{d}", s.id(), deliveryId).then()
                .body("attempts[1].byHand", equalTo(true)).body("delivery.status", equalTo("DELIVERED"));
        owner(org).post(PATH + "/{id}/deliveries/{d}/redeliveries", s.id(), UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @DisplayName("HOOK-03: an endpoint answering 410 disables its subscription and the OWNER is mailed; so does one failing for three days")
    void goneAndFailingSubscriptionsAreDisabled() throws Exception {
        Org org = org();
        Subscription gone = subscribe(org, "gone", List.of("seat.assigned"));
        receiver.mode("gone", "gone");
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("disabled as gone", () -> "GONE".equals(owner(org).get(PATH + "/{id}", gone.id()).then().extract().path("disabledReason")));
        owner(org).get(PATH + "/{id}", gone.id()).then().body("enabled", equalTo(false));
        Await.until("the OWNER's mail", () -> ProviderSimulators.mailsTo(org.ownerEmail()).size() == 1);
        assertTrue(ProviderSimulators.mailsTo(org.ownerEmail()).get(0).getSubject().contains(receiver.url("gone")));

        Subscription failing = subscribe(org, "failing", List.of("seat.assigned"));
        receiver.mode("failing", "fail");
        count(db, "with x as (update webhook_subscription set failing_since = now() - interval '3 days 1 minute' "
                + "where id = ? returning 1) select count(*) from x", UUID.fromString(failing.id()));
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("disabled as failing", () -> "FAILING".equals(owner(org).get(PATH + "/{id}", failing.id()).then().extract().path("disabledReason")));
        Await.until("the second mail", () -> ProviderSimulators.mailsTo(org.ownerEmail()).size() == 2);
        owner(org).get(PATH + "/{id}/deliveries", failing.id()).then().body("items.status", hasItem("FAILED"));
        String deliveryId = owner(org).get(PATH + "/{id}/deliveries", failing.id()).then().extract().path("items[0].id");
        owner(org).post(PATH + "/{id}/deliveries/{d}/redeliveries", failing.id(), deliveryId).then().statusCode(409);
        assertEquals(1, count(db, "select count(*) from audit_trail where org_id = ? and target_id = ? and action = 'WEBHOOK_SUBSCRIPTION_DISABLED'",
                org.id(), UUID.fromString(failing.id())));
    }

    @Test
    @DisplayName("Metrics: webhook attempts are counted on /q/metrics as retried, delivered and failed, and timed")
    void deliveriesAreMetered() {
        Org org = org();
        ScrapedMetrics before = ScrapedMetrics.scrape();
        subscribe(org, "metered", List.of("seat.assigned"));
        subscribe(org, "metered-gone", List.of("seat.assigned"));
        receiver.mode("metered", "fail");
        receiver.mode("metered-gone", "gone");
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("a failed attempt to be retried", () -> receiver.at("metered").stream().anyMatch(r -> r.answered() == 500));
        receiver.mode("metered", "ok");
        Await.until("the delivery", () -> receiver.accepted("metered").size() == 1, Duration.ofSeconds(60));
        Await.until("every attempt on /q/metrics", () -> {
            ScrapedMetrics now = ScrapedMetrics.scrape();
            return grew(before, now, "kaigi_webhook_deliveries_total", Map.of("outcome", "retried"), 1)
                    && grew(before, now, "kaigi_webhook_deliveries_total", Map.of("outcome", "delivered"), 1)
                    && grew(before, now, "kaigi_webhook_deliveries_total", Map.of("outcome", "failed"), 1)
                    && grew(before, now, "kaigi_webhook_delivery_latency_seconds_count", Map.of(), 3);
        });
    }

    private static boolean grew(ScrapedMetrics before, ScrapedMetrics now, String name, Map<String, String> labels, int by) {
        return now.value(name, labels) >= before.value(name, labels) + by;
    }

    @Test
    @DisplayName("HOOK-04: a URL whose host resolves to a refused address by delivery time (DNS rebinding) is not reached; the log says why")
    void rebindingAtDelivery() throws Exception {
        Org org = org();
        Subscription s = subscribe(org, "rebound", List.of("seat.assigned"));
        InetAddress internal = InetAddress.getByName("10.0.0.5");
        QuarkusMock.installMockForType(new HostResolver() {
            @Override
            public List<InetAddress> resolve(String host) {
                return List.of(internal);
            }
        }, HostResolver.class);
        TestEvents.publish(new SeatAssigned(org.id(), UUID.randomUUID(), SeatPool.REGULAR));
        Await.until("a refused attempt", () -> count(db, "select count(*) from webhook_attempt a join webhook_delivery d "
                + "on d.id = a.delivery_id where d.subscription_id = ? and a.error = 'address-refused'", UUID.fromString(s.id())) >= 1);
        assertEquals(0, receiver.at("rebound").size());
    }
}
