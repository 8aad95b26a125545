package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.kafka.KafkaClients;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The service's Kafka consumer (EVT-02): polls its topics, applies each record through the
 * {@link EventDispatcher}, retries a failing record a few times, dead-letters it when it keeps
 * failing, and commits offsets only after the records before them are applied. If the loop dies
 * of an unexpected error it is started again from the last committed offsets; the inbox makes the
 * replayed records harmless.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration INBOX_PURGE_EVERY = Duration.ofMinutes(10);

    private final ConsumerConfig config;
    private final KafkaClients kafka;
    private final EventDispatcher dispatcher;
    private final String groupId;
    private final InboxStore inbox;

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    // touched by the consumer thread only: partitions held back after a transient failure
    private final Map<TopicPartition, Instant> resumeAt = new HashMap<>();
    private final Map<TopicPartition, Integer> transientStreaks = new HashMap<>();
    private Thread thread;
    private Producer<String, byte[]> deadLetterProducer;

    @Inject
    public EventConsumer(ConsumerConfig config, KafkaClients kafka, EventDispatcher dispatcher, InboxStore inbox,
                         ServiceIdentity service) {
        this.config = config;
        this.inbox = inbox;
        this.kafka = kafka;
        this.dispatcher = dispatcher;
        this.groupId = config.groupId().orElse(service.name());
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && config.topics().filter(t -> !t.isEmpty()).isPresent()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        deadLetterProducer = kafka.producer(groupId + "-dlq-" + UUID.randomUUID().toString().substring(0, 8));
        thread = new Thread(this::superviseLoop, "event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Finishes the record in hand, commits what was applied and leaves the group. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetterProducer.close(Duration.ofSeconds(5));
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void superviseLoop() {
        while (running) {
            try {
                consumeUntilStopped();
            } catch (Throwable crash) {
                // Offsets of this incarnation were not committed past the last applied batch:
                // the next one re-reads them and the inbox skips what was already applied.
                LOG.errorf(crash, "event consumer of group %s crashed; restarting in %d ms", groupId,
                        config.restartBackoff().toMillis());
                pause(config.restartBackoff());
            }
        }
    }

    private void consumeUntilStopped() {
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        boolean[] crashed = {false};
        Consumer<String, byte[]> c = kafka.consumer(groupId, groupId + "-" + UUID.randomUUID().toString().substring(0, 8));
        consumer = c;
        resumeAt.clear(); // a new consumer starts with nothing paused
        transientStreaks.clear();
        try {
            c.subscribe(config.topics().orElseThrow(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!crashed[0]) {
                        commit(c, applied); // hand the partitions over with everything applied committed
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(applied::remove); // another member owns them now; can't commit
                }
            });
            Instant nextPurge = Instant.now();
            while (running) {
                if (Instant.now().isAfter(nextPurge)) {
                    purgeInbox();
                    nextPurge = Instant.now().plus(INBOX_PURGE_EVERY);
                }
                resumeDue(c);
                ConsumerRecords<String, byte[]> records = c.poll(resumeAt.isEmpty() ? Duration.ofMillis(500) : Duration.ofMillis(50));
                boolean stopped = false;
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
                    if (stopped) {
                        c.seek(partition, batch.get(0).offset()); // not reached in this round: read again
                    } else {
                        stopped = !applyPartition(c, batch, partition, applied);
                    }
                }
                commit(c, applied);
            }
        } catch (WakeupException e) {
            if (running) {
                crashed[0] = true;
                throw e;
            }
        } catch (RuntimeException | Error e) {
            // After an unexpected failure nothing is committed, as if the process had been killed:
            // what was applied is read again and the inbox skips it.
            crashed[0] = true;
            throw e;
        } finally {
            if (!running) {
                commit(c, applied);
            }
            consumer = null;
            c.close(Duration.ofSeconds(5));
        }
    }

    private void purgeInbox() {
        try {
            int deleted = QuarkusTransaction.requiringNew().call(() -> inbox.deleteAppliedBefore(config.inboxRetention()));
            if (deleted > 0) {
                LOG.debugf("event consumer: forgot %d events applied more than %s ago", deleted, config.inboxRetention());
            }
        } catch (RuntimeException e) {
            LOG.warn("event consumer: inbox purge failed; will retry", e);
        }
    }

    /**
     * Applies a partition's records in order; false when it had to stop early (shutdown, or a
     * dead letter that could not be written). A record that hits a transient failure holds back
     * only its own partition: it is read again after a backoff while the other partitions go on,
     * so an event waiting for another one (a booking whose host's events are on another topic)
     * never blocks what it waits for.
     */
    private boolean applyPartition(Consumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> records,
                                   TopicPartition partition, Map<TopicPartition, OffsetAndMetadata> applied) {
        int from = 0;
        while (from < records.size()) {
            int to = endOfRun(records, from);
            if (to - from > 1 && running && applyRun(records.subList(from, to))) {
                transientStreaks.remove(partition);
                applied.put(partition, new OffsetAndMetadata(records.get(to - 1).offset() + 1));
            } else if (!applyOneByOne(c, records.subList(from, to), partition, applied)) {
                return false;
            } else if (resumeAt.containsKey(partition)) {
                return true; // held back after a transient failure: the rest is read again later
            }
            from = to;
        }
        return true;
    }

    /**
     * Where the run starting at {@code from} ends: consecutive batchable records, at most
     * {@code kaigi.consumer.max-run}; a record that is not batchable is a run of one.
     */
    private int endOfRun(List<ConsumerRecord<String, byte[]>> records, int from) {
        int to = from;
        while (to < records.size() && to - from < config.maxRun() && dispatcher.batchable(records.get(to))) {
            to++;
        }
        return Math.max(to, from + 1);
    }

    /** Applies a run in one transaction; false when it failed (rolled back whole, to be applied one by one). */
    private boolean applyRun(List<ConsumerRecord<String, byte[]>> run) {
        try {
            dispatcher.dispatchAll(run);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("a run of %d events failed together (%s); applying them one by one", run.size(), e.getMessage());
            return false;
        }
    }

    private boolean applyOneByOne(Consumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> records,
                                  TopicPartition partition, Map<TopicPartition, OffsetAndMetadata> applied) {
        for (ConsumerRecord<String, byte[]> record : records) {
            Outcome outcome = running ? applyOrDeadLetter(record) : Outcome.STOP;
            if (outcome != Outcome.DONE) {
                c.seek(partition, record.offset()); // read it again, here or on the next owner
                if (outcome == Outcome.RETRY_LATER) {
                    int streak = transientStreaks.merge(partition, 1, Integer::sum);
                    c.pause(List.of(partition));
                    resumeAt.put(partition, Instant.now().plus(config.retryBackoff().multipliedBy(Math.min(streak, 25))));
                    return true;
                }
                return false;
            }
            transientStreaks.remove(partition);
            applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        return true;
    }

    /** Resumes the paused partitions whose backoff is over (and forgets partitions this consumer no longer owns). */
    private void resumeDue(Consumer<String, byte[]> c) {
        if (resumeAt.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        java.util.Set<TopicPartition> owned = c.assignment();
        List<TopicPartition> due = new java.util.ArrayList<>();
        resumeAt.entrySet().removeIf(e -> {
            if (!owned.contains(e.getKey())) {
                return true;
            }
            if (now.isAfter(e.getValue())) {
                due.add(e.getKey());
                return true;
            }
            return false;
        });
        if (!due.isEmpty()) {
            c.resume(due);
        }
    }

    /** What became of one record. */
    private enum Outcome {
        /** Applied, skipped or dead-lettered: the partition moves on. */
        DONE,
        /** A transient failure: read it again after a backoff. */
        RETRY_LATER,
        /** Shutdown, or a dead letter that could not be written: read it again. */
        STOP
    }

    private Outcome applyOrDeadLetter(ConsumerRecord<String, byte[]> record) {
        RuntimeException last = null;
        int attempt = 0;
        while (attempt < config.maxAttempts() && running) {
            attempt++;
            try {
                dispatcher.dispatch(record);
                return Outcome.DONE;
            } catch (PoisonEventException e) {
                last = e;
                break;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    // not this event's fault: read it again later, however long the outage lasts
                    LOG.warnf("event %s/%d@%d hit a transient failure, will retry: %s", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                    return Outcome.RETRY_LATER;
                }
                last = e;
                LOG.warnf("event %s/%d@%d failed (attempt %d of %d): %s", record.topic(), record.partition(),
                        record.offset(), attempt, config.maxAttempts(), e.getMessage());
                pause(config.retryBackoff().multipliedBy(attempt));
            }
        }
        if (last == null || !running && !(last instanceof PoisonEventException)) {
            return Outcome.STOP;
        }
        try {
            new DeadLetters(deadLetterProducer, groupId).send(record, last, attempt);
            LOG.errorf("event %s/%d@%d moved to the dead-letter topic after %d attempts: %s", record.topic(),
                    record.partition(), record.offset(), attempt, last.getMessage());
            return Outcome.DONE;
        } catch (Exception e) {
            LOG.errorf(e, "could not dead-letter %s/%d@%d; it will be read again", record.topic(),
                    record.partition(), record.offset());
            return Outcome.STOP;
        }
    }

    private static void commit(Consumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> applied) {
        if (applied.isEmpty()) {
            return;
        }
        c.commitSync(applied);
        applied.clear();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
