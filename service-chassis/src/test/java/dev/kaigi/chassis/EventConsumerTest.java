package dev.kaigi.chassis;

import dev.kaigi.chassis.inbox.EventConsumer;
import dev.kaigi.chassis.inbox.EventDispatcher;
import dev.kaigi.chassis.testapp.DeclaredRecorder;
import dev.kaigi.chassis.testapp.MirrorConsumer;
import dev.kaigi.chassis.testapp.UserActivatedRecorder;
import dev.kaigi.events.CloudEventHeaders;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.KafkaBroker;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.ScrapedMetrics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idempotent consumer applies each event exactly once, survives crashes, and moves poison aside (EVT-02). */
@QuarkusTest
class EventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACTIVATED = "kaigi.user.activated.v1";
    // the consumer's meters on /q/metrics
    private static final Map<String, String> ACTIVATED_IN_GROUP = Map.of("type", ACTIVATED, "group", "chassis-test");
    private static final Map<String, String> USER_TOPIC_LAG = Map.of("topic", Topics.USER, "group", "chassis-test");
    private static KafkaProducer<String, byte[]> producer;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    UserActivatedRecorder recorder;
    @Inject
    EventDispatcher dispatcher;
    @Inject
    EventConsumer consumer;
    @Inject
    DeclaredRecorder declared;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Sends a user-activated CloudEvent the way another service's relay would; returns its id. */
    private static UUID send(UUID eventId, UUID user) throws Exception {
        sendRaw(eventId, user.toString(), "kaigi.user.activated.v1", activated(user));
        producer.flush();
        return eventId;
    }

    private static byte[] activated(UUID user) {
        return ("{\"orgId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + user + "\",\"userType\":\"REGULAR\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Hands the record to the producer without waiting, so consecutive sends reach the broker as one batch. */
    private static void sendRaw(UUID eventId, String key, String type, byte[] value) {
        sendRaw(null, eventId, key, type, value);
    }

    private static void sendRaw(Integer partition, UUID eventId, String key, String type, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.USER, partition, key, value);
        record.headers()
                .add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes())
                .add(CloudEventHeaders.ID, eventId.toString().getBytes())
                .add(CloudEventHeaders.TYPE, type.getBytes())
                .add(CloudEventHeaders.SOURCE, "/user-service".getBytes())
                .add(CloudEventHeaders.SUBJECT, key.getBytes())
                .add(CloudEventHeaders.TIME, Instant.now().toString().getBytes());
        producer.send(record);
    }

    @Test
    @DisplayName("Metrics: an applied event and its redelivery count as applied and skipped, per type and group")
    void appliedAndRedeliveredEventsAreCounted() {
        double applied = ScrapedMetrics.now("kaigi_events_applied_total", ACTIVATED_IN_GROUP);
        double skipped = ScrapedMetrics.now("kaigi_events_redeliveries_skipped_total", ACTIVATED_IN_GROUP);
        UUID eventId = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        byte[] activated = activated(UUID.randomUUID());
        sendRaw(eventId, key, ACTIVATED, activated);
        sendRaw(eventId, key, ACTIVATED, activated);
        producer.flush();

        Await.until("the event and its redelivery to be counted", () -> {
            ScrapedMetrics now = ScrapedMetrics.scrape();
            return now.value("kaigi_events_applied_total", ACTIVATED_IN_GROUP) >= applied + 1
                    && now.value("kaigi_events_redeliveries_skipped_total", ACTIVATED_IN_GROUP) >= skipped + 1;
        }, WAIT);
    }

    @Test
    @DisplayName("Metrics: a poison event counts as dead-lettered; a failing one as retried, then dead-lettered")
    void poisonAndFailingEventsAreCounted() {
        double deadLettered = ScrapedMetrics.now("kaigi_events_dead_lettered_total", ACTIVATED_IN_GROUP);
        double retried = ScrapedMetrics.now("kaigi_events_retried_total", ACTIVATED_IN_GROUP);
        String key = UUID.randomUUID().toString();
        sendRaw(UUID.randomUUID(), key, ACTIVATED, "{not json".getBytes(StandardCharsets.UTF_8));
        producer.flush();
        Await.until("the poison event to be counted as dead-lettered",
                () -> ScrapedMetrics.now("kaigi_events_dead_lettered_total", ACTIVATED_IN_GROUP) == deadLettered + 1, WAIT);
        assertEquals(retried, ScrapedMetrics.now("kaigi_events_retried_total", ACTIVATED_IN_GROUP),
                "an unreadable event is not retried");

        UUID refused = UUID.randomUUID();
        recorder.failAlwaysFor(refused);
        sendRaw(UUID.randomUUID(), key, ACTIVATED, activated(refused));
        producer.flush();
        Await.until("the failing event to be counted as dead-lettered",
                () -> ScrapedMetrics.now("kaigi_events_dead_lettered_total", ACTIVATED_IN_GROUP) == deadLettered + 2, WAIT);
        // kaigi.consumer.max-attempts=3: two attempts after the first
        assertEquals(retried + 2, ScrapedMetrics.now("kaigi_events_retried_total", ACTIVATED_IN_GROUP));
    }

    @Test
    @DisplayName("Metrics: the consumer lag per topic and group grows while an event waits and falls back to 0")
    void lagFollowsAWaitingEvent() {
        UUID blocked = UUID.randomUUID();
        String key = blocked.toString();
        recorder.dependencyDownFor(blocked, Integer.MAX_VALUE);
        try {
            sendRaw(0, UUID.randomUUID(), key, ACTIVATED, activated(blocked));
            for (int i = 0; i < 3; i++) {
                sendRaw(0, UUID.randomUUID(), key, ACTIVATED, activated(UUID.randomUUID()));
            }
            producer.flush();
            Await.until("the lag to show the waiting event and the three behind it",
                    () -> ScrapedMetrics.now("kaigi_consumer_lag_records", USER_TOPIC_LAG) >= 4, WAIT);
        } finally {
            recorder.dependencyBackFor(blocked);
        }
        Await.until("the lag to fall back to 0 once the events are applied",
                () -> ScrapedMetrics.now("kaigi_consumer_lag_records", USER_TOPIC_LAG) == 0, WAIT);
    }

    @Test
    @DisplayName("EVT-02: a redelivered event (same ce_id) is applied once")
    void redeliveryIsAppliedOnce() throws Exception {
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        send(eventId, user);
        send(eventId, user);
        send(eventId, user);
        send(UUID.randomUUID(), marker); // same key order: once the marker is applied, the copies were read
        Await.until("the marker event to be applied", () -> applied(marker) == 1, WAIT);
        assertEquals(1, applied(user));
        assertEquals(1, count("select count(*) from inbox where event_id = '" + eventId + "'"));
    }

    @Test
    @DisplayName("EVT-02: a consumer that crashes mid-batch restarts and applies every event exactly once")
    void crashMidBatchAppliesEachEventOnce() throws Exception {
        // The proof needs the crash to land mid-fetch, after events of the same fetch were applied;
        // when the consumer happens to poll while the burst is still arriving, the crash can start a
        // fetch of its own and nothing is redelivered. Exactly-once holds in every round; a round with
        // a redelivery is what proves it, so up to three are run (the first nearly always suffices).
        boolean redelivered = false;
        for (int round = 0; round < 3 && !redelivered; round++) {
            redelivered = crashMidBatchRound();
        }
        assertTrue(redelivered, "no redelivery happened in three rounds: the test proved nothing");
    }

    /** One burst of 40 events with a crash at the 26th; every event applied once. Returns whether any was redelivered. */
    private boolean crashMidBatchRound() throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(UUID.randomUUID());
        }
        recorder.crashOnceAt(users.get(25));
        long duplicatesBefore = dispatcher.duplicatesSkipped();
        // One key, one burst: the events land in one partition and, usually, one fetch, so the
        // consumer applies the first 25 and dies before committing any of them.
        String key = UUID.randomUUID().toString();
        for (UUID user : users) {
            sendRaw(UUID.randomUUID(), key, "kaigi.user.activated.v1", activated(user));
        }
        producer.flush();
        awaitApplied(users);
        for (UUID user : users) {
            assertEquals(1, applied(user), "user " + user + " applied more than once");
        }
        // The crash lost the uncommitted offsets, so events before it were read again and skipped.
        return dispatcher.duplicatesSkipped() > duplicatesBefore;
    }

    @Test
    @DisplayName("EVT-02: an unreadable event goes to the DLQ with its reason, and the consumer moves on")
    void poisonGoesToDeadLetterTopic() throws Exception {
        UUID poisonId = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        try (EventProbe dlq = EventProbe.open(Topics.deadLetter(Topics.USER))) {
            sendRaw(poisonId, key, "kaigi.user.activated.v1", "{not json".getBytes(StandardCharsets.UTF_8));
            producer.flush();
            send(UUID.randomUUID(), next);
            ReceivedEvent dead = dlq.awaitCount(e -> poisonId.toString().equals(e.id()), 1, WAIT).get(0);
            assertEquals(key, dead.key());
            assertEquals(Topics.USER, dead.header("kaigi_dlq_original_topic"));
            assertEquals("1", dead.header("kaigi_dlq_attempts"));
            assertEquals("chassis-test", dead.header("kaigi_dlq_consumer_group"));
            assertTrue(dead.header("kaigi_dlq_error").contains("unreadable kaigi.user.activated.v1"), dead.header("kaigi_dlq_error"));
        }
        Await.until("the event after the poison to be applied", () -> applied(next) == 1, WAIT);
    }

    @Test
    @DisplayName("EVT-02: an event whose handler keeps failing is retried, then dead-lettered, and changes nothing")
    void failingHandlerIsRetriedThenDeadLettered() throws Exception {
        UUID user = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        recorder.failAlwaysFor(user);
        try (EventProbe dlq = EventProbe.open(Topics.deadLetter(Topics.USER))) {
            UUID eventId = send(UUID.randomUUID(), user);
            send(UUID.randomUUID(), next);
            ReceivedEvent dead = dlq.awaitCount(e -> eventId.toString().equals(e.id()), 1, WAIT).get(0);
            assertEquals("3", dead.header("kaigi_dlq_attempts"));
            assertTrue(dead.header("kaigi_dlq_error").contains("handler refuses user " + user));
            assertEquals("kaigi.user.activated.v1", dead.type());
        }
        Await.until("the event after the failing one to be applied", () -> applied(next) == 1, WAIT);
        assertEquals(0, applied(user), "the failing handler's writes must roll back");
        assertEquals(0, count("select count(*) from inbox i join applied_event a on a.event_id = i.event_id where a.user_id = '" + user + "'"));
    }

    @Test
    @DisplayName("EVT-02: an outage of the database is waited out, however many attempts it takes; nothing is dead-lettered")
    void transientFailuresAreRetriedNotDeadLettered() throws Exception {
        UUID user = UUID.randomUUID();
        recorder.failTransientlyFor(user, 6); // more than max-attempts (3)
        try (EventProbe dlq = EventProbe.open(Topics.deadLetter(Topics.USER))) {
            UUID eventId = send(UUID.randomUUID(), user);
            Await.until("the event to be applied after the outage", () -> applied(user) == 1, WAIT);
            assertTrue(dlq.drain(Duration.ofMillis(300)).stream().noneMatch(e -> eventId.toString().equals(e.id())));
        }
    }

    @Test
    @DisplayName("EVT-02: a called system that is away (DependencyUnavailableException) is waited out like a database outage")
    void unavailableDependencyIsWaitedOut() throws Exception {
        UUID user = UUID.randomUUID();
        recorder.dependencyDownFor(user, 5); // more than max-attempts (3)
        try (EventProbe dlq = EventProbe.open(Topics.deadLetter(Topics.USER))) {
            UUID eventId = send(UUID.randomUUID(), user);
            Await.until("the event to be applied once the dependency is back", () -> applied(user) == 1, WAIT);
            assertTrue(dlq.drain(Duration.ofMillis(300)).stream().noneMatch(e -> eventId.toString().equals(e.id())));
        }
    }

    @Test
    @DisplayName("EVT-02: an event waiting out a transient failure holds back only its own partition")
    void waitingEventHoldsBackOnlyItsPartition() throws Exception {
        UUID blocked = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        recorder.dependencyDownFor(blocked, Integer.MAX_VALUE);
        try {
            sendRaw(0, UUID.randomUUID(), blocked.toString(), "kaigi.user.activated.v1", activated(blocked));
            producer.flush();
            Thread.sleep(500); // the blocked event is being retried
            sendRaw(1, UUID.randomUUID(), other.toString(), "kaigi.user.activated.v1", activated(other));
            producer.flush();
            Await.until("the other partition's event to be applied meanwhile", () -> applied(other) == 1, WAIT);
            assertEquals(0, applied(blocked));
        } finally {
            recorder.dependencyBackFor(blocked);
        }
        Await.until("the held-back event to be applied once its dependency is back", () -> applied(blocked) == 1, WAIT);
    }

    @Test
    @DisplayName("EVT-02: the partitions of a poll are applied side by side, each in its order; one waiting out a failure holds back none of the others; a restart loses nothing and repeats nothing")
    void partitionsAreAppliedSideBySide() throws Exception {
        List<List<UUID>> byPartition = List.of(users(20), users(20), users(5));
        UUID waiting = byPartition.get(2).get(0);
        // the first events of partitions 0 and 1 are applied only if both are in the handler at once
        recorder.meetAt(byPartition.get(0).get(0), byPartition.get(1).get(0));
        recorder.dependencyDownFor(waiting, Integer.MAX_VALUE);
        consumer.stop(); // everything on the broker before the consumer is back, so one poll holds every partition
        try {
            for (int partition = 0; partition < byPartition.size(); partition++) {
                String key = UUID.randomUUID().toString();
                for (UUID user : byPartition.get(partition)) {
                    sendRaw(partition, UUID.randomUUID(), key, "kaigi.user.activated.v1", activated(user));
                }
            }
            producer.flush();
        } finally {
            consumer.start();
        }
        try {
            List<UUID> others = new ArrayList<>(byPartition.get(0));
            others.addAll(byPartition.get(1));
            awaitApplied(others);
            assertTrue(recorder.met(), "partitions 0 and 1 were never in the handler at the same time");
            assertEquals(0, applied(waiting), "the event waiting out its failure is not applied yet");
        } finally {
            recorder.dependencyBackFor(waiting);
        }
        awaitApplied(byPartition.get(2));
        List<UUID> order = recorder.appliedInOrder();
        for (List<UUID> partition : byPartition) {
            for (UUID user : partition) {
                assertEquals(1, applied(user), "user " + user + " applied " + applied(user) + " times");
            }
            assertEquals(partition, order.stream().filter(partition::contains).toList(), "a partition's events out of order");
        }
    }

    private static List<UUID> users(int n) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(UUID.randomUUID());
        }
        return users;
    }

    @Test
    @DisplayName("EVT-02: events of types this service does not handle are skipped, not dead-lettered")
    void otherTypesAreIgnored() throws Exception {
        UUID marker = UUID.randomUUID();
        try (EventProbe dlq = EventProbe.open(Topics.deadLetter(Topics.USER))) {
            UUID other = UUID.randomUUID();
            sendRaw(other, marker.toString(), "kaigi.user.converted.v1", "{}".getBytes());
            producer.flush();
            send(UUID.randomUUID(), marker);
            Await.until("the marker event to be applied", () -> applied(marker) == 1, WAIT);
            assertTrue(dlq.drain(Duration.ofMillis(300)).stream().noneMatch(e -> other.toString().equals(e.id())));
        }
    }

    @Test
    @DisplayName("EVT-02: batchable events are applied in runs, one transaction each; a failing event in a run is found by halving "
            + "the run and dead-lettered alone")
    void batchableEventsAreAppliedInRuns() throws Exception {
        List<UUID> users = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            users.add(UUID.randomUUID());
            eventIds.add(UUID.randomUUID());
        }
        UUID failing = users.get(30);
        recorder.failAlwaysFor(failing);
        recorder.batchable(true);
        try (EventProbe dlq = EventProbe.open(Topics.deadLetter(Topics.USER))) {
            String key = UUID.randomUUID().toString(); // one partition, one burst
            consumer.stop(); // all of them on the broker before the consumer is back, or polls may take them one by one
            try {
                for (int i = 0; i < users.size(); i++) {
                    sendRaw(eventIds.get(i), key, "kaigi.user.activated.v1", activated(users.get(i)));
                }
                producer.flush();
            } finally {
                consumer.start();
            }
            dlq.awaitCount(e -> eventIds.get(30).toString().equals(e.id()), 1, WAIT);
            Await.until("the 59 good events to be applied", () -> {
                for (UUID user : users) {
                    if (!user.equals(failing) && applied(user) < 1) {
                        return false;
                    }
                }
                return true;
            }, WAIT);
        } finally {
            recorder.batchable(false);
        }
        for (UUID user : users) {
            assertEquals(user.equals(failing) ? 0 : 1, applied(user), "user " + user);
        }
        // each inbox row carries the id of the transaction that wrote it: fewer transactions than events
        String ids = eventIds.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
        long transactions = count("select count(distinct xmin::text) from inbox where event_id in (" + ids + ")");
        assertTrue(transactions < 59, "59 events in " + transactions + " transactions: no run was applied together");
    }

    @Test
    @DisplayName("EVT-02: a handler declared by an EventSubscriber runs once per event id, like an EventHandler")
    void declaredHandlerRunsOncePerEventId() throws Exception {
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            sendRaw(eventId, key, "kaigi.user.removed.v1", removed(user));
        }
        sendRaw(UUID.randomUUID(), key, "kaigi.user.deleted.v1", deleted(marker));
        producer.flush();
        Await.until("the marker event to be applied", () -> applied(marker) == 1, WAIT);
        assertEquals(1, applied(user));
        assertEquals(1, count("select count(*) from inbox where event_id = '" + eventId + "'"));
    }

    @Test
    @DisplayName("EVT-02: a declared handler is batchable only when declared so, and a run of its events shares transactions")
    void declaredBatchableIsHonoured() throws Exception {
        assertTrue(dispatcher.batchable(EventConsumer.MAIN, record("kaigi.user.removed.v1", removed(UUID.randomUUID()))));
        assertFalse(dispatcher.batchable(EventConsumer.MAIN, record("kaigi.user.deleted.v1", deleted(UUID.randomUUID()))));

        List<UUID> users = new ArrayList<>();
        List<UUID> eventIds = new ArrayList<>();
        String key = UUID.randomUUID().toString(); // one partition, one burst
        for (int i = 0; i < 40; i++) {
            users.add(UUID.randomUUID());
            eventIds.add(UUID.randomUUID());
            sendRaw(eventIds.get(i), key, "kaigi.user.removed.v1", removed(users.get(i)));
        }
        producer.flush();
        awaitApplied(users);
        String ids = eventIds.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
        long transactions = count("select count(distinct xmin::text) from inbox where event_id in (" + ids + ")");
        assertTrue(transactions < 40, "40 events in " + transactions + " transactions: no run was applied together");
    }

    @Test
    @DisplayName("EVT-02: a handler declared inactive takes no part: its events are skipped without an inbox row")
    void inactiveDeclarationIsSkipped() throws Exception {
        assertTrue(dispatcher.handledTypes().containsAll(List.of("kaigi.user.removed.v1", "kaigi.user.deleted.v1")));
        assertFalse(dispatcher.handledTypes().contains("kaigi.user.declined.v1"));
        // ...yet still one the service declares it consumes, as the catalogue documents it
        assertEquals(Set.of("kaigi.user.activated.v1", "kaigi.user.removed.v1", "kaigi.user.deleted.v1",
                "kaigi.user.updated.v1", "kaigi.user.declined.v1", "kaigi.user.deactivated.v1"), dispatcher.subscribedTypes());
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        sendRaw(eventId, key, "kaigi.user.declined.v1", ("{\"orgId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + user
                + "\",\"email\":\"a@example.com\"}").getBytes(StandardCharsets.UTF_8));
        sendRaw(UUID.randomUUID(), key, "kaigi.user.removed.v1", removed(marker));
        producer.flush();
        Await.until("the marker event to be applied", () -> applied(marker) == 1, WAIT);
        assertEquals(0, applied(user));
        assertEquals(0, count("select count(*) from inbox where event_id = '" + eventId + "'"));
    }

    @Test
    @DisplayName("EVT-02: a consumer of its own applies each event once more, in its own group, and is not held back by the main consumer's handlers")
    void namedConsumerAppliesEventsOnItsOwn() throws Exception {
        assertEquals(Set.of(MirrorConsumer.NAME), dispatcher.namedConsumers());
        assertEquals(Set.of(Topics.USER), dispatcher.topicsOf(MirrorConsumer.NAME));
        UUID user = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        declared.hold(user); // the main consumer's handler of the event waits, as on a slow provider
        try {
            sendRaw(eventId, key, "kaigi.user.updated.v1", updated(user));
            sendRaw(eventId, key, "kaigi.user.updated.v1", updated(user)); // read twice
            producer.flush();
            Await.until("the mirror to apply the event while the main consumer is held", () -> mirrored(user) == 1, WAIT);
            assertEquals(0, applied(user));
        } finally {
            declared.release(user);
        }
        Await.until("the main consumer to apply it once released", () -> applied(user) == 1, WAIT);
        UUID marker = UUID.randomUUID();
        send(UUID.randomUUID(), marker);
        sendRaw(UUID.randomUUID(), key, "kaigi.user.updated.v1", updated(marker));
        producer.flush();
        Await.until("the events after it to be applied by both", () -> applied(marker) == 2 && mirrored(marker) == 1, WAIT);
        assertEquals(1, mirrored(user), "the mirror applied the redelivered event again");
        assertEquals(1, applied(user), "the main consumer applied the redelivered event again");
        assertEquals(2, count("select count(*) from inbox where event_id = '" + eventId + "'"), "one inbox row per consumer");
        assertEquals(1, count("select count(*) from inbox where event_id = '" + eventId + "' and consumer = 'mirror'"));
    }

    private long mirrored(UUID user) throws SQLException {
        return count("select count(*) from mirrored_event where user_id = '" + user + "'");
    }

    private static byte[] updated(UUID user) {
        return ("{\"orgId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + user + "\",\"email\":\"u@example.com\","
                + "\"lastName\":\"Sato\",\"firstName\":\"Aki\",\"role\":\"MEMBER\",\"userType\":\"REGULAR\","
                + "\"changedFields\":[\"lastName\"]}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] removed(UUID user) {
        return ("{\"orgId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deleted(UUID user) {
        return ("{\"orgId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + user + "\",\"byUserId\":\"" + UUID.randomUUID()
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A record as the consumer would hand it to the dispatcher, never sent. */
    private static ConsumerRecord<String, byte[]> record(String type, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.USER, 0, 0L, "key", value);
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes())
                .add(CloudEventHeaders.TYPE, type.getBytes());
        return record;
    }

    private void awaitApplied(List<UUID> users) {
        Await.until("all " + users.size() + " events to be applied", () -> {
            for (UUID user : users) {
                if (applied(user) < 1) {
                    return false;
                }
            }
            return true;
        }, WAIT);
    }

    private long applied(UUID user) throws SQLException {
        return count("select count(*) from applied_event where user_id = '" + user + "'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
