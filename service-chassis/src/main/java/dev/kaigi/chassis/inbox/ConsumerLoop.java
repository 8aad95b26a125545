package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.kafka.KafkaClients;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One consumer of the {@link EventConsumer}: a thread polling its topics in its Kafka consumer group, applying each
 * record through the {@link EventDispatcher} with the consumer's handlers (the partitions of a poll side by side on
 * {@link PartitionWorkers}, each in order), retrying a failing record a few times, dead-lettering it when it keeps
 * failing, and committing offsets only after the records before them are applied. Only this thread touches the
 * Kafka consumer: the workers report back what to commit, seek and pause. If the loop dies of an unexpected error
 * it is started again from the last committed offsets; the inbox makes the replayed records harmless.
 */
final class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration INBOX_PURGE_EVERY = Duration.ofMinutes(10);
    /** How often the lag gauge is brought up to date: often enough for a scrape, rarely enough to cost nothing. */
    private static final Duration LAG_EVERY = Duration.ofSeconds(1);

    private final ConsumerConfig config;
    private final KafkaClients kafka;
    private final EventDispatcher dispatcher;
    private final InboxStore inbox;
    private final String consumerName;
    private final String groupId;
    private final List<String> topics;
    private final boolean purgesInbox;
    private final ConsumerMetrics metrics;

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    // touched by the consumer thread only: partitions held back after a transient failure
    private final Map<TopicPartition, Instant> resumeAt = new HashMap<>();
    private final Map<TopicPartition, Integer> transientStreaks = new HashMap<>();
    private Thread thread;
    private Producer<String, byte[]> deadLetterProducer;
    private PartitionWorkers workers;

    /**
     * @param purgesInbox whether this loop forgets old inbox rows (of every consumer: one loop of the service does it)
     */
    ConsumerLoop(ConsumerConfig config, KafkaClients kafka, EventDispatcher dispatcher, InboxStore inbox,
                 String consumerName, String groupId, List<String> topics, boolean purgesInbox, ConsumerMetrics metrics) {
        this.config = config;
        this.kafka = kafka;
        this.dispatcher = dispatcher;
        this.inbox = inbox;
        this.consumerName = consumerName;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.purgesInbox = purgesInbox;
        this.metrics = metrics;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        deadLetterProducer = kafka.producer(groupId + "-dlq-" + UUID.randomUUID().toString().substring(0, 8));
        PartitionApplier applier = new PartitionApplier(config, dispatcher, consumerName, new DeadLetters(deadLetterProducer, groupId),
                () -> running, metrics);
        workers = new PartitionWorkers(applier, config.parallelism(), threadName() + "-worker");
        thread = new Thread(this::superviseLoop, threadName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the workers finish the records in hand, commits what was applied and leaves the group. */
    synchronized void stop() {
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
        workers.close();
        deadLetterProducer.close(Duration.ofSeconds(5));
    }

    boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private String threadName() {
        return EventConsumer.MAIN.equals(consumerName) ? "event-consumer" : "event-consumer-" + consumerName;
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
                PartitionApplier.sleep(config.restartBackoff());
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
            c.subscribe(topics, new ConsumerRebalanceListener() {
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
            Instant nextLag = Instant.now();
            while (running) {
                if (purgesInbox && Instant.now().isAfter(nextPurge)) {
                    purgeInbox();
                    nextPurge = Instant.now().plus(INBOX_PURGE_EVERY);
                }
                resumeDue(c);
                ConsumerRecords<String, byte[]> records = c.poll(resumeAt.isEmpty() ? Duration.ofMillis(500) : Duration.ofMillis(50));
                for (PartitionResult result : workers.applyAll(records)) {
                    settle(c, result, applied);
                }
                commit(c, applied);
                if (Instant.now().isAfter(nextLag)) {
                    metrics.recordLag(consumerName, topics, c);
                    nextLag = Instant.now().plus(LAG_EVERY);
                }
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

    /** Acts on what the workers did with a partition: what to commit, where to read again, whether to hold it back. */
    private void settle(Consumer<String, byte[]> c, PartitionResult result, Map<TopicPartition, OffsetAndMetadata> applied) {
        TopicPartition partition = result.partition();
        if (result.progressed()) {
            applied.put(partition, result.applied());
            transientStreaks.remove(partition);
        }
        if (result.readAgainFrom() != null) {
            c.seek(partition, result.readAgainFrom()); // read it again, here or on the next owner
        }
        if (result.retryLater()) {
            int streak = transientStreaks.merge(partition, 1, Integer::sum);
            c.pause(List.of(partition));
            resumeAt.put(partition, Instant.now().plus(config.retryBackoff().multipliedBy(Math.min(streak, 25))));
        }
    }

    /** Resumes the paused partitions whose backoff is over (and forgets partitions this consumer no longer owns). */
    private void resumeDue(Consumer<String, byte[]> c) {
        if (resumeAt.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Set<TopicPartition> owned = c.assignment();
        List<TopicPartition> due = new ArrayList<>();
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

    private static void commit(Consumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> applied) {
        if (applied.isEmpty()) {
            return;
        }
        c.commitSync(applied);
        applied.clear();
    }
}
