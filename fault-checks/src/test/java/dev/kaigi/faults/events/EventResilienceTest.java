package dev.kaigi.faults.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.events.CloudEventHeaders;
import dev.kaigi.events.EventTypes;
import dev.kaigi.faults.stack.Sql;
import dev.kaigi.faults.stack.Stack;
import dev.kaigi.faults.stack.Tenant;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Event resilience across services: the four services run as processes on one broker;
 * meeting-booked events wait on the broker while integration-service is down and are each handled
 * once when it is back, and so are cancellations and reassignments of Zoom meetings (each meeting
 * deleted once, each mail sent once); a replay of its topics from offset 0 changes nothing; a poison
 * event goes to the dead-letter topic and the events behind it on the same partition flow on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventResilienceTest {

    private static final String SCHEDULING_TOPIC = "kaigi.scheduling.v1";
    private static final String USER_TOPIC = "kaigi.user.v1";
    private static final String GROUP = "integration-service";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Stack stack;
    private static Tenant tenant;
    private static List<UUID> hosts;
    private static UUID meetingType;
    private static LocalDate day;

    @BeforeAll
    static void tenWithoutCaps() throws Exception {
        stack = Stack.get();
        tenant = new Tenant(stack);
        hosts = tenant.join(10);
        tenant.hosts(hosts, "09:00", "18:00", null);
        meetingType = tenant.meetingType("Demo", hosts);
        day = LocalDate.now(ZoneId.of(Tenant.ZONE)).plusDays(14).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        // integration-service knows the hosts (their emails) before it is stopped
        Await.until("hosts known to integration-service", () -> Sql.count(Stack.INTEGRATION_DB,
                "select count(*) from user_profile where org_id = ? and email is not null", tenant.orgId) == hosts.size(), WAIT);
    }

    @Test
    @Order(1)
    @DisplayName("EVT-02: 100 bookings made while integration-service is stopped are each handled once after it starts")
    void bookingsWhileIntegrationIsDown() throws Exception {
        stack.integration.stop();
        List<String> leads = new ArrayList<>();
        for (int slot = 0; slot < 10; slot++) {
            for (int i = 0; i < hosts.size(); i++) {
                leads.add(book(meetingType, slot, "down-" + slot + "-" + i));
            }
        }
        List<UUID> booked = meetingBookedEvents();
        assertEquals(100, booked.size(), "meeting-booked in scheduling-service's outbox");
        Await.until("the outbox sent", () -> Sql.count(Stack.SCHEDULING_DB, "select count(*) from outbox where sent_at is null") == 0, WAIT);
        assertEquals(0, leads.stream().mapToInt(stack.mail::deliveredTo).sum(), "no mail while integration-service was down");

        stack.integration.start();
        Await.until("integration-service applied the 100 meeting-booked events", () -> applied(booked) == booked.size(), WAIT);
        Thread.sleep(1500); // a second delivery of any of them would show now
        Map<Integer, Long> mailsPerLead = leads.stream().collect(Collectors.groupingBy(stack.mail::deliveredTo, Collectors.counting()));
        assertEquals(Map.of(1, 100L), mailsPerLead, "mails per lead");
        for (UUID host : hosts) {
            assertEquals(10, stack.mail.deliveredTo("host-" + host + "@faults.example"), "host mails of " + host);
        }
        assertEquals(200, Sql.count(Stack.INTEGRATION_DB, "select count(*) from side_effect where org_id = ? "
                + "and kind in ('LEAD_MAIL', 'HOST_MAIL') and outcome = 'DONE'", tenant.orgId));
    }

    @Test
    @Order(2)
    @DisplayName("EVT-02, MTG-06: Zoom bookings cancelled and reassigned while integration-service is stopped: each meeting deleted once, the new hosts' made once, each lead and host told once after it starts")
    void changesWhileIntegrationIsDown() throws Exception {
        List<UUID> pool = hosts.subList(6, 10);
        for (UUID host : pool) {
            linkZoom(host);
        }
        Await.until("Zoom links known to scheduling-service", () -> pool.stream().allMatch(h -> Sql.count(Stack.SCHEDULING_DB,
                "select count(*) from host where user_id = ? and zoom_linked", h) == 1), WAIT);
        UUID zoomType = tenant.meetingType("Zoom demo", pool, "ZOOM");
        List<JsonNode> bookings = new ArrayList<>();
        for (int slot = 10; slot < 12; slot++) {
            for (int i = 0; i < 2; i++) {
                bookings.add(booking(zoomType, slot, "zoom-" + slot + "-" + i));
            }
        }
        List<String> leads = bookings.stream().map(b -> b.path("leadEmail").asText()).toList();
        Await.until("a Zoom meeting and a mail for each booking", () -> createdIn(pool) == 4
                && leads.stream().allMatch(l -> stack.mail.deliveredTo(l) == 1), WAIT);

        stack.integration.stop();
        List<UUID> changed = new ArrayList<>();
        for (int slot = 0; slot < 2; slot++) { // at each time: one cancelled, one handed to a host free then
            JsonNode cancel = bookings.get(2 * slot);
            JsonNode reassign = bookings.get(2 * slot + 1);
            change(cancel, "cancel", "{\"reason\":\"fault-checks\"}");
            UUID free = pool.stream().filter(h -> !h.toString().equals(cancel.path("hostUserId").asText())
                    && !h.toString().equals(reassign.path("hostUserId").asText())).findFirst().orElseThrow();
            change(reassign, "reassign", "{\"hostUserId\":\"" + free + "\"}");
            changed.add(UUID.fromString(cancel.path("id").asText()));
            changed.add(UUID.fromString(reassign.path("id").asText()));
        }
        List<UUID> events = Sql.column(Stack.SCHEDULING_DB, UUID.class, "select event_id from outbox where org_id = ? "
                + "and event_type in (?, ?)", tenant.orgId, EventTypes.MEETING_CANCELLED.name(), EventTypes.MEETING_REASSIGNED.name());
        assertEquals(4, events.size(), "meeting-cancelled and meeting-reassigned in scheduling-service's outbox");
        Await.until("the outbox sent", () -> Sql.count(Stack.SCHEDULING_DB, "select count(*) from outbox where sent_at is null") == 0, WAIT);
        Map<Long, Integer> deletedBefore = stack.zoom.deletions();

        stack.integration.start();
        Await.until("integration-service applied the 4 changes", () -> applied(events) == events.size(), WAIT);
        Await.until("each lead told of the change", () -> leads.stream().allMatch(l -> stack.mail.deliveredTo(l) >= 2), WAIT);
        Thread.sleep(1500); // a second delivery of any of them would show now
        assertEquals(Map.of(), deletedBefore, "nothing deleted while integration-service was down");
        assertEquals(Map.of(1, 4L), stack.zoom.deletions().values().stream()
                .collect(Collectors.groupingBy(n -> n, Collectors.counting())), "4 meetings deleted, each once");
        assertEquals(6, createdIn(pool), "the 4 booked, and one in each new host's account");
        for (String lead : leads) {
            List<String> ids = stack.mail.messageIdsTo(lead);
            assertEquals(2, ids.size(), "mails to " + lead + ": " + ids);
            assertEquals(2, ids.stream().distinct().count(), "two messages, neither sent twice: " + ids);
        }
        for (UUID host : pool) {
            List<String> ids = stack.mail.messageIdsTo(email(host));
            assertEquals(ids.size(), ids.stream().distinct().count(), "no mail to host " + host + " sent twice: " + ids);
        }
        assertEquals(4, Sql.count(Stack.INTEGRATION_DB, "select count(*) from side_effect where subject_id::text = any(string_to_array(?, ',')) "
                + "and kind = 'ZOOM_DELETE' and outcome = 'DONE'", ids(changed)));
        assertEquals(2, Sql.count(Stack.INTEGRATION_DB, "select count(*) from side_effect where subject_id::text = any(string_to_array(?, ',')) "
                + "and kind = 'PREVIOUS_HOST_MAIL' and outcome = 'DONE'", ids(changed)));
    }

    @Test
    @Order(3)
    @DisplayName("EVT-02: integration-service's topics replayed from offset 0 change nothing (the inbox dedups)")
    void replayFromOffsetZero() throws Exception {
        stack.integration.stop();
        String before = integrationState();
        int mailsBefore = stack.mail.messages();
        int zoomBefore = stack.zoom.changes();
        Map<TopicPartition, Long> ends;
        try (Admin admin = admin()) {
            List<TopicPartition> partitions = partitions(admin, List.of(SCHEDULING_TOPIC, USER_TOPIC));
            admin.alterConsumerGroupOffsets(GROUP, partitions.stream().collect(Collectors.toMap(Function.identity(),
                    p -> new OffsetAndMetadata(0)))).all().get();
            ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
        assertFalse(ends.values().stream().allMatch(o -> o == 0), "there is something to replay");

        stack.integration.start();
        Await.until("integration-service read both topics again to their end", () -> {
            try (Admin admin = admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            }
        }, WAIT);
        Thread.sleep(1000);
        assertEquals(before, integrationState(), "integration-service's inbox, side effects, users and outbox");
        assertEquals(mailsBefore, stack.mail.messages(), "mails sent");
        assertEquals(zoomBefore, stack.zoom.changes(), "Zoom meetings created and deleted");
    }

    @Test
    @Order(4)
    @DisplayName("EVT-02: a poison meeting-booked goes to kaigi.scheduling.v1.dlq; the bookings behind it on its partition are handled")
    void poisonEventGoesToDeadLetters() throws Exception {
        UUID host = hosts.get(0);
        UUID onlyThisHost = tenant.meetingType("Demo with one host", List.of(host));
        UUID poison = stack.events.publishUnreadable(EventTypes.MEETING_BOOKED, host.toString(), tenant.orgId);
        List<String> leads = new ArrayList<>();
        for (int slot = 12; slot < 17; slot++) {
            leads.add(book(onlyThisHost, slot, "after-poison-" + slot)); // keyed by the host: the poison's partition
        }
        Await.until("the 5 bookings behind the poison mailed", () -> leads.stream().allMatch(l -> stack.mail.deliveredTo(l) == 1), WAIT);
        ConsumerRecord<String, byte[]> dead = deadLetter(poison);
        assertEquals(host.toString(), dead.key());
        assertEquals(SCHEDULING_TOPIC, header(dead, "kaigi_dlq_original_topic"));
        assertEquals(0, Sql.count(Stack.INTEGRATION_DB, "select count(*) from inbox where event_id = ?", poison));
    }

    /** Books the meeting type at {@code slot} (half hours from 09:00) for a lead named by {@code lead}; the lead's email. */
    private static String book(UUID type, int slot, String lead) throws Exception {
        return booking(type, slot, lead).path("leadEmail").asText();
    }

    /** The booking of {@code type} at {@code slot} for a lead named by {@code lead}, as scheduling-service answered it. */
    private static JsonNode booking(UUID type, int slot, String lead) throws Exception {
        String email = "lead-" + lead + "-" + tenant.orgId.toString().substring(0, 8) + "@leads.example";
        String start = day.atTime(LocalTime.of(9, 0).plusMinutes(30L * slot)).atZone(ZoneId.of(Tenant.ZONE)).toInstant().toString();
        String instance = stack.scheduling.get(slot % 2).baseUri();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(instance + "/api/v1/bookings"))
                .header("Authorization", "Bearer " + TestTokens.user(tenant.orgId, UUID.randomUUID(), "manager"))
                .header("Content-Type", "application/json").header("Idempotency-Key", lead + "-" + tenant.orgId)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"meetingTypeId":"%s","start":"%s","lead":{"name":"Lead","email":"%s","locale":"en"}}"""
                        .formatted(type, start, email))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** {@code POST /api/v1/bookings/{id}/{action}} as a MANAGER (cancel, reassign). */
    private static void change(JsonNode booking, String action, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.scheduling.get(0).baseUri()
                        + "/api/v1/bookings/" + booking.path("id").asText() + "/" + action))
                .header("Authorization", "Bearer " + tenant.managerToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), action + ": " + r.body());
    }

    /** The host links their Zoom account through integration-service, as their browser would (the code is the email). */
    private static void linkZoom(UUID host) throws Exception {
        String token = TestTokens.user(tenant.orgId, host, "member");
        String base = stack.integration.baseUri() + "/api/v1/users/" + host + "/zoom-connection";
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/authorization"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, started.statusCode(), started.body());
        String url = JSON.readTree(started.body()).path("authorizeUrl").asText();
        String state = java.net.URLDecoder.decode(url.replaceFirst(".*[?&]state=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        HttpResponse<String> linked = HTTP.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("code", email(host)).put("state", state)
                        .toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, linked.statusCode(), linked.body());
    }

    private static String email(UUID host) {
        return "host-" + host + "@faults.example";
    }

    private static String ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static int createdIn(List<UUID> pool) {
        return pool.stream().mapToInt(h -> stack.zoom.createdFor(email(h))).sum();
    }

    private static List<UUID> meetingBookedEvents() {
        return Sql.column(Stack.SCHEDULING_DB, UUID.class, "select event_id from outbox where org_id = ? and event_type = ?",
                tenant.orgId, EventTypes.MEETING_BOOKED.name());
    }

    private static long applied(List<UUID> events) {
        java.util.Set<UUID> inbox = new java.util.HashSet<>(Sql.column(Stack.INTEGRATION_DB, UUID.class,
                // the consumer that mails and calls providers; partner webhooks' consumer claims the events too
                "select event_id from inbox where consumer = 'main'"));
        return events.stream().filter(inbox::contains).count();
    }

    /** A digest of what integration-service keeps: applied events, side effects, the user read model, its outbox. */
    private static String integrationState() {
        return Sql.column(Stack.INTEGRATION_DB, String.class, """
                select (select count(*) from inbox) || ' ' || (select md5(coalesce(string_agg(event_id::text, ',' order by event_id), '')) from inbox)
                    || ' ' || (select md5(coalesce(string_agg(subject_id || kind || outcome || coalesce(result, ''), ',' order by subject_id, kind), '')) from side_effect)
                    || ' ' || (select md5(coalesce(string_agg(user_id || coalesce(email, '') || coalesce(status, ''), ',' order by user_id), '')) from user_profile)
                    || ' ' || (select count(*) from outbox)""").get(0);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers()));
    }

    private static List<TopicPartition> partitions(Admin admin, List<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    }

    private static ConsumerRecord<String, byte[]> deadLetter(UUID eventId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fault-checks-dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(SCHEDULING_TOPIC + ".dlq"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (eventId.toString().equals(header(r, CloudEventHeaders.ID))) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("event " + eventId + " not on " + SCHEDULING_TOPIC + ".dlq within " + WAIT);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
