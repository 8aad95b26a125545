package dev.kaigi.chassis.inbox;

import dev.kaigi.chassis.ServiceIdentity;
import dev.kaigi.chassis.kafka.KafkaClients;
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

    private final ConsumerConfig config;
    private final KafkaClients kafka;
    private final EventDispatcher dispatcher;
    private final String groupId;

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private int transientFailures; // touched by the consumer thread only
    private Thread thread;
    private Producer<String, byte[]> deadLetterProducer;

    @Inject
    public EventConsumer(ConsumerConfig config, KafkaClients kafka, EventDispatcher dispatcher, ServiceIdentity service) {
        this.config = config;
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
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
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

    /** Applies a partition's records in order; false when it had to stop early (shutdown, or a dead letter that could not be written). */
    private boolean applyPartition(Consumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> records,
                                   TopicPartition partition, Map<TopicPartition, OffsetAndMetadata> applied) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running || !applyOrDeadLetter(record)) {
                c.seek(partition, record.offset()); // read it again, here or on the next owner
                return false;
            }
            applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        return true;
    }

    /**
     * True once the record is applied, skipped or dead-lettered; false when it must be read again
     * (shutdown, a transient failure, or a dead letter that could not be written).
     */
    private boolean applyOrDeadLetter(ConsumerRecord<String, byte[]> record) {
        RuntimeException last = null;
        int attempt = 0;
        while (attempt < config.maxAttempts() && running) {
            attempt++;
            try {
                dispatcher.dispatch(record);
                transientFailures = 0;
                return true;
            } catch (PoisonEventException e) {
                last = e;
                break;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    // not this event's fault: wait and read it again, however long the outage lasts,
                    // polling in between so the consumer keeps its partitions
                    transientFailures++;
                    LOG.warnf("event %s/%d@%d hit a transient failure (%d in a row), will retry: %s", record.topic(),
                            record.partition(), record.offset(), transientFailures, e.getMessage());
                    pause(config.retryBackoff().multipliedBy(Math.min(transientFailures, 25)));
                    return false;
                }
                last = e;
                LOG.warnf("event %s/%d@%d failed (attempt %d of %d): %s", record.topic(), record.partition(),
                        record.offset(), attempt, config.maxAttempts(), e.getMessage());
                pause(config.retryBackoff().multipliedBy(attempt));
            }
        }
        if (last == null || !running && !(last instanceof PoisonEventException)) {
            return false;
        }
        try {
            new DeadLetters(deadLetterProducer, groupId).send(record, last, attempt);
            LOG.errorf("event %s/%d@%d moved to the dead-letter topic after %d attempts: %s", record.topic(),
                    record.partition(), record.offset(), attempt, last.getMessage());
            return true;
        } catch (Exception e) {
            LOG.errorf(e, "could not dead-letter %s/%d@%d; it will be read again", record.topic(),
                    record.partition(), record.offset());
            return false;
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
