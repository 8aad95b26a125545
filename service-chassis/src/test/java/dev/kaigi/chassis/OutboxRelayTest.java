package dev.kaigi.chassis;

import dev.kaigi.chassis.kafka.KafkaClients;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.outbox.OutboxConfig;
import dev.kaigi.chassis.outbox.OutboxRelay;
import dev.kaigi.chassis.outbox.OutboxStore;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.KafkaBroker;
import dev.kaigi.testsupport.ReceivedEvent;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transactional outbox delivers every committed event, in order per key, once, and nothing else (EVT-02, EVT-03). */
@QuarkusTest
class OutboxRelayTest {

    private static final Logger LOG = Logger.getLogger(OutboxRelayTest.class);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;
    @Inject
    OutboxStore store;
    @Inject
    OutboxConfig config;
    @Inject
    KafkaClients kafka;
    @Inject
    dev.kaigi.chassis.ServiceIdentity service;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry metrics;

    private UUID publishInOwnTransaction(UUID org, UUID user) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.publish(new UserActivated(org, user, UserType.REGULAR)));
    }

    @Test
    @DisplayName("EVT-02: a committed event reaches Kafka as a CloudEvent keyed by the user")
    void committedEventIsPublishedAsCloudEvent() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            UUID eventId = publishInOwnTransaction(org, user);
            ReceivedEvent event = probe.await(EventTypes.USER_ACTIVATED, user.toString(), WAIT);
            assertEquals(eventId.toString(), event.id());
            assertEquals("1.0", event.header("ce_specversion"));
            assertEquals("kaigi.user.activated.v1", event.type());
            assertEquals("/chassis-test", event.header("ce_source"));
            assertEquals(user.toString(), event.header("ce_subject"));
            assertEquals(org.toString(), event.header("ce_orgid"));
            assertEquals("application/json", event.header("content-type"));
            assertTrue(Instant.parse(event.header("ce_time")).isAfter(Instant.now().minusSeconds(60)));
            assertEquals(user.toString(), event.data().get("userId").asText());
            assertEquals(org.toString(), event.data().get("orgId").asText());
            assertEquals("REGULAR", event.data().get("userType").asText());
        }
    }

    @Test
    @DisplayName("EVT-02: a batch of events published together reaches Kafka whole, each once")
    void batchPublishDeliversEveryEvent() throws Exception {
        UUID org = UUID.randomUUID();
        List<UUID> users = java.util.stream.Stream.generate(UUID::randomUUID).limit(25).toList();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            QuarkusTransaction.requiringNew().run(() -> outbox.publishAll(
                    users.stream().map(u -> new UserActivated(org, u, UserType.REGULAR)).toList()));
            for (UUID user : users) {
                ReceivedEvent event = probe.await(EventTypes.USER_ACTIVATED, user.toString(), WAIT);
                assertEquals(org.toString(), event.header("ce_orgid"));
            }
        }
        assertEquals(25, count("select count(distinct event_id) from outbox where event_key in (" + quoted(users) + ")"));
        assertTrue(relayRecordsSent() >= 25, "the relay's producer reports what it sent as kafka_producer_record_send_total");
    }

    private double relayRecordsSent() {
        return metrics.find("kafka.producer.record.send.total").tag("client.id", id -> id.contains("-outbox-relay-"))
                .functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    @Test
    @DisplayName("EVT-02: publishing outside a transaction is refused")
    void publishNeedsTheCallersTransaction() {
        assertThrows(RuntimeException.class,
                () -> outbox.publish(new UserActivated(UUID.randomUUID(), UUID.randomUUID(), UserType.REGULAR)));
    }

    @Test
    @DisplayName("EVT-02: a rolled-back change publishes nothing")
    void rolledBackTransactionPublishesNothing() throws Exception {
        UUID org = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        UUID noteId = UUID.randomUUID();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                insertNote(noteId);
                outbox.publish(new UserActivated(org, rolledBack, UserType.REGULAR));
                throw new IllegalStateException("business rule failed after the event was recorded");
            }));
            publishInOwnTransaction(org, committed);
            probe.await(EventTypes.USER_ACTIVATED, committed.toString(), WAIT);
            List<ReceivedEvent> all = probe.drain(Duration.ofMillis(500));
            assertTrue(all.stream().noneMatch(e -> rolledBack.toString().equals(e.key())), "rolled-back event leaked");
        }
        assertEquals(0, count("select count(*) from note where id = '" + noteId + "'"));
        assertEquals(0, count("select count(*) from outbox where event_key = '" + rolledBack + "'"));
    }

    @Test
    @DisplayName("EVT-02: events committed while Kafka is down are delivered when it is back")
    void nothingLostWhileKafkaIsDown() throws Exception {
        UUID org = UUID.randomUUID();
        List<UUID> users = new ArrayList<>();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            KafkaBroker.disconnect();
            try {
                for (int i = 0; i < 5; i++) {
                    UUID user = UUID.randomUUID();
                    users.add(user);
                    publishInOwnTransaction(org, user);
                }
                // The relay must have tried and failed, and kept the rows.
                Await.until("the relay to try and fail while Kafka is away", () -> count("select count(*) from outbox where sent_at is null and attempts > 0 and event_key in ("
                        + quoted(users) + ")") > 0, Duration.ofSeconds(30));
                assertEquals(5, count("select count(*) from outbox where sent_at is null and event_key in (" + quoted(users) + ")"));
            } finally {
                KafkaBroker.reconnect();
            }
            List<ReceivedEvent> received = probe.awaitCount(e -> users.contains(UUID.fromString(e.key())), 5, Duration.ofSeconds(60));
            assertEquals(Set.copyOf(users), received.stream().map(e -> UUID.fromString(e.key())).collect(Collectors.toSet()));
        }
        assertEquals(0, count("select count(*) from outbox where sent_at is null and event_key in (" + quoted(users) + ")"));
    }

    @Test
    @DisplayName("EVT-02/EVT-03: two relay instances publish each row once and keep order per key")
    void twoRelaysNeverPublishARowTwice() throws Exception {
        OutboxRelay second = new OutboxRelay(store, config, kafka, service, metrics);
        UUID org = UUID.randomUUID();
        List<UUID> keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int perKey = 150;
        Map<UUID, List<String>> publishedOrder = new HashMap<>();
        second.start();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            // Many small transactions, interleaving keys, while both relays run.
            for (int i = 0; i < perKey; i++) {
                for (UUID key : keys) {
                    UUID eventId = publishInOwnTransaction(org, key);
                    publishedOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(eventId.toString());
                }
            }
            List<ReceivedEvent> received = probe.awaitCount(e -> keys.contains(UUID.fromString(e.key())),
                    keys.size() * perKey, Duration.ofSeconds(60));
            received = probe.drain(Duration.ofMillis(500)).stream()
                    .filter(e -> keys.contains(UUID.fromString(e.key()))).toList();
            assertEquals(keys.size() * perKey, received.size(), "a row was published more than once");
            Set<String> ids = new HashSet<>();
            received.forEach(e -> assertTrue(ids.add(e.id()), "duplicate " + e.id()));
            for (UUID key : keys) {
                List<String> order = received.stream().filter(e -> key.toString().equals(e.key())).map(ReceivedEvent::id).toList();
                assertEquals(publishedOrder.get(key), order, "order of key " + key);
            }
        } finally {
            second.stop();
        }
    }

    @Test
    @DisplayName("EVT-02: commit to broker latency over 1,000 events (measured, printed; the relay is woken by the commit)")
    void commitToBrokerLatency() throws Exception {
        UUID org = UUID.randomUUID();
        int warmUp = 300;
        int events = 1000;
        Map<String, Long> committedAt = new HashMap<>();
        List<Long> latenciesMicros = new ArrayList<>();
        try (EventProbe probe = EventProbe.open(Topics.USER)) {
            // warm-up: JIT, connection pools and producer metadata, not counted
            for (int i = 0; i < warmUp; i++) {
                publishInOwnTransaction(org, UUID.randomUUID());
            }
            probe.awaitCount(e -> org.toString().equals(e.header("ce_orgid")), warmUp, Duration.ofSeconds(60));
            // steady arrivals of about 500 events/s, each in its own transaction
            for (int i = 0; i < events; i++) {
                UUID eventId = publishInOwnTransaction(org, UUID.randomUUID());
                committedAt.put(eventId.toString(), System.nanoTime());
                if (i % 2 == 0) {
                    Thread.sleep(1);
                }
            }
            for (ReceivedEvent seen : probe.awaitCount(e -> committedAt.containsKey(e.id()), events, Duration.ofSeconds(60))) {
                latenciesMicros.add((seen.receivedAtNanos() - committedAt.get(seen.id())) / 1000);
            }
        }
        Collections.sort(latenciesMicros);
        long p50 = latenciesMicros.get(latenciesMicros.size() / 2);
        long p99 = latenciesMicros.get((int) Math.ceil(latenciesMicros.size() * 0.99) - 1);
        long max = latenciesMicros.get(latenciesMicros.size() - 1);
        LOG.infof("OUTBOX LATENCY commit->consumer over %d events: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                latenciesMicros.size(), p50 / 1000.0, p99 / 1000.0, max / 1000.0);
        assertEquals(events, latenciesMicros.size());
        // The relay's timer is 5 s in this test; a median far below it shows commits wake the relay.
        assertTrue(p50 < 1_000_000, "relay not woken by commits: p50 " + p50 + " µs");
    }

    private void insertNote(UUID id) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into note (id, text) values ('" + id + "', 'x')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quoted(List<UUID> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }

}
