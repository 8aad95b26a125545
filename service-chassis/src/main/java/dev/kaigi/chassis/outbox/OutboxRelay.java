package dev.kaigi.chassis.outbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.kafka.KafkaClients;
import dev.kaigi.events.CloudEventHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka and marks them sent, one transaction per batch. Runs on
 * one background thread per service instance; several instances share the rows safely
 * ({@link OutboxStore#lockNextBatch}). When Kafka is unreachable the rows stay unsent and the relay
 * retries with exponential backoff, so nothing is lost (EVT-02).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final OutboxStore store;
    private final OutboxConfig config;
    private final KafkaClients kafka;
    private final ServiceIdentity service;
    private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

    private final Timer lag;
    private final Counter published;
    private final Counter failedSends;
    private final MeterRegistry metrics;

    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;
    /** The producer's own figures as kafka_producer_* meters: records per request, request latency, errors. */
    private KafkaClientMetrics producerMetrics;

    @Inject
    public OutboxRelay(OutboxStore store, OutboxConfig config, KafkaClients kafka, ServiceIdentity service,
                       MeterRegistry metrics) {
        this.store = store;
        this.config = config;
        this.kafka = kafka;
        this.service = service;
        this.metrics = metrics;
        // how long an event waited between its change and the broker's ack: the figure the 100 ms target is about
        this.lag = Timer.builder("kaigi.outbox.lag").description("Outbox event age when the broker acknowledged it")
                .publishPercentiles(0.5, 0.99).register(metrics);
        this.published = Counter.builder("kaigi.outbox.published").register(metrics);
        this.failedSends = Counter.builder("kaigi.outbox.failed.sends").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the relay thread; tests may start extra relays to prove several instances cooperate. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        producer = kafka.producer(service.name() + "-outbox-relay-" + instanceSuffix());
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(metrics);
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producerMetrics.close();
        producer.close(Duration.ofSeconds(5));
    }

    /** Asks the relay to look for new rows now instead of at its next poll. */
    public void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    private void loop() {
        int failures = 0;
        Instant nextPurge = Instant.now();
        while (running) {
            try {
                int published = publishBatch();
                failures = 0;
                if (published < config.batchSize()) {
                    wakeUps.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                if (Instant.now().isAfter(nextPurge)) {
                    purgeSentRows();
                    nextPurge = Instant.now().plus(PURGE_EVERY);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // the relay thread must not die: an unsent row would wait for the next restart
                failures++;
                Duration pause = backoff(failures);
                LOG.warnf("outbox relay: publishing failed (%d in a row), retrying in %d ms: %s",
                        failures, pause.toMillis(), e.getMessage());
                sleep(pause);
            }
        }
    }

    /** Publishes one batch in one transaction; returns how many rows it marked sent. Fails when any row failed. */
    int publishBatch() {
        BatchResult result = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxRow> rows = store.lockNextBatch(config.batchSize());
            return rows.isEmpty() ? new BatchResult(0, null) : send(rows);
        });
        if (result.error() != null && result.sent() == 0) {
            throw new IllegalStateException(result.error()); // nothing goes out: back off
        }
        if (result.error() != null) {
            // the others went out; the failed rows (and later rows of their keys) are retried next round
            LOG.warnf("outbox relay: %s", result.error());
        }
        return result.sent();
    }

    private BatchResult send(List<OutboxRow> rows) throws Exception {
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            Future<RecordMetadata> future = sendOne(row);
            futures.add(future);
            if (future.isDone() && failed(future)) {
                break; // the broker is unreachable: don't wait out the timeout once per row
            }
        }
        producer.flush();

        // A row counts as sent only if every earlier row of its key was sent too; otherwise a
        // retry would put it on the topic before its predecessor.
        List<Long> sent = new ArrayList<>();
        List<Long> failedIds = new ArrayList<>();
        Set<String> blockedKeys = new HashSet<>();
        String error = null;
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            String failure = i < futures.size() ? failureOf(futures.get(i)) : "not attempted";
            if (failure == null && !blockedKeys.contains(row.key())) {
                sent.add(row.id());
            } else {
                blockedKeys.add(row.key());
                failedIds.add(row.id());
                error = error == null ? failure : error;
            }
        }
        store.markSent(sent);
        store.recordFailure(failedIds, error);
        Instant now = Instant.now();
        for (OutboxRow row : rows) {
            if (sent.contains(row.id())) {
                lag.record(Duration.between(row.occurredAt(), now));
            }
        }
        published.increment(sent.size());
        failedSends.increment(failedIds.size());
        return new BatchResult(sent.size(), failedIds.isEmpty() ? null : error);
    }

    private Future<RecordMetadata> sendOne(OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.eventId().toString());
        header(headers, CloudEventHeaders.TYPE, row.type());
        header(headers, CloudEventHeaders.SOURCE, row.source());
        header(headers, CloudEventHeaders.SUBJECT, row.subject());
        header(headers, CloudEventHeaders.TIME, row.occurredAt().toString());
        if (row.orgId() != null) {
            header(headers, CloudEventHeaders.ORG_ID, row.orgId().toString());
        }
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (row.trace().traceparent() != null) {
            header(headers, CloudEventHeaders.TRACE_PARENT, row.trace().traceparent());
        }
        if (row.trace().tracestate() != null) {
            header(headers, CloudEventHeaders.TRACE_STATE, row.trace().tracestate());
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), null, row.key(),
                row.payload().getBytes(StandardCharsets.UTF_8), headers);
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean failed(Future<RecordMetadata> future) {
        return failureOf(future) != null;
    }

    private static String failureOf(Future<RecordMetadata> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void purgeSentRows() {
        try {
            int deleted = QuarkusTransaction.requiringNew().call(() -> store.deleteSentBefore(config.retention()));
            if (deleted > 0) {
                LOG.debugf("outbox relay: deleted %d sent rows older than %s", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox relay: purge of sent rows failed; will retry", e);
        }
    }

    private Duration backoff(int failures) {
        long base = config.initialBackoff().toMillis() << Math.min(failures - 1, 16);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void sleep(Duration pause) {
        try {
            wakeUps.clear();
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String instanceSuffix() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private record BatchResult(int sent, String error) {
    }
}
