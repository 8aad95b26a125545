package dev.kaigi.faults.events;

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
 * once when it is back; a replay of its topics from offset 0 changes nothing; a poison event goes to
 * the dead-letter topic and the events behind it on the same partition flow on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventResilienceTest {

    private static final String SCHEDULING_TOPIC = "kaigi.scheduling.v1";
    private static final String USER_TOPIC = "kaigi.user.v1";
    private static final String GROUP = "integration-service";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
    @DisplayName("EVT-02: integration-service's topics replayed from offset 0 change nothing (the inbox dedups)")
    void replayFromOffsetZero() throws Exception {
        stack.integration.stop();
        String before = integrationState();
        int mailsBefore = stack.mail.messages();
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
    }

    @Test
    @Order(3)
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
        return email;
    }

    private static List<UUID> meetingBookedEvents() {
        return Sql.column(Stack.SCHEDULING_DB, UUID.class, "select event_id from outbox where org_id = ? and event_type = ?",
                tenant.orgId, EventTypes.MEETING_BOOKED.name());
    }

    private static long applied(List<UUID> events) {
        java.util.Set<UUID> inbox = new java.util.HashSet<>(Sql.column(Stack.INTEGRATION_DB, UUID.class,
                "select event_id from inbox where event_type = ?", EventTypes.MEETING_BOOKED.name()));
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
