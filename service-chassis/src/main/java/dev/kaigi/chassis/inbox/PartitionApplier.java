package dev.kaigi.chassis.inbox;

import dev.kaigi.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Applies one partition's records of a poll, in order: in runs where the handlers allow it, one by one otherwise,
 * retrying a failing record and dead-lettering it when it keeps failing (a run that fails is split in halves until
 * the record that fails it is alone). It never touches the Kafka consumer, so
 * it may run on a worker thread; what the consumer must do with the partition comes back as a
 * {@link PartitionResult}.
 */
final class PartitionApplier {

    private static final Logger LOG = Logger.getLogger(PartitionApplier.class);

    private final ConsumerConfig config;
    private final EventDispatcher dispatcher;
    private final String consumer;
    private final DeadLetters deadLetters;
    private final BooleanSupplier running;
    private final ConsumerMetrics metrics;

    PartitionApplier(ConsumerConfig config, EventDispatcher dispatcher, String consumer, DeadLetters deadLetters,
                     BooleanSupplier running, ConsumerMetrics metrics) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.running = running;
        this.metrics = metrics;
    }

    /**
     * Applies the records until done, a transient failure (the rest is read again after a backoff, while the other
     * partitions go on, so an event waiting for another one never blocks what it waits for) or a stop. A stop
     * (shutdown, a dead letter that could not be written) ends the whole round: {@code roundStopped} is raised,
     * and the other partitions stop at their next record.
     */
    PartitionResult apply(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records, AtomicBoolean roundStopped) {
        OffsetAndMetadata[] applied = {null};
        int from = 0;
        while (from < records.size()) {
            int to = endOfRun(records, from);
            PartitionResult ended = applyOrSplit(partition, records.subList(from, to), roundStopped, applied);
            if (ended != null) {
                return ended;
            }
            from = to;
        }
        return new PartitionResult(partition, applied[0], null, false);
    }

    /**
     * Applies {@code run} in one transaction; when that fails, each half the same way, down to single records,
     * which are retried and dead-lettered. So a failing record is found in a few tries and the records around it
     * still go in runs. Returns null when all of it was applied, else what ends the partition's round;
     * {@code applied} follows the last record applied.
     */
    private PartitionResult applyOrSplit(TopicPartition partition, List<ConsumerRecord<String, byte[]>> run,
                                         AtomicBoolean roundStopped, OffsetAndMetadata[] applied) {
        if (run.size() > 1) {
            if (goOn(roundStopped) && applyRun(run)) {
                applied[0] = after(run.get(run.size() - 1));
                return null;
            }
            int half = run.size() / 2;
            PartitionResult ended = applyOrSplit(partition, run.subList(0, half), roundStopped, applied);
            return ended != null ? ended : applyOrSplit(partition, run.subList(half, run.size()), roundStopped, applied);
        }
        ConsumerRecord<String, byte[]> record = run.get(0);
        Outcome outcome = goOn(roundStopped) ? applyOrDeadLetter(record) : Outcome.STOP;
        if (outcome != Outcome.DONE) {
            if (outcome == Outcome.STOP) {
                roundStopped.set(true);
            }
            return new PartitionResult(partition, applied[0], record.offset(), outcome == Outcome.RETRY_LATER);
        }
        applied[0] = after(record);
        return null;
    }

    private boolean goOn(AtomicBoolean roundStopped) {
        return running.getAsBoolean() && !roundStopped.get();
    }

    private static OffsetAndMetadata after(ConsumerRecord<String, byte[]> record) {
        return new OffsetAndMetadata(record.offset() + 1);
    }

    /**
     * Where the run starting at {@code from} ends: consecutive batchable records, at most
     * {@code kaigi.consumer.max-run}; a record that is not batchable is a run of one.
     */
    private int endOfRun(List<ConsumerRecord<String, byte[]>> records, int from) {
        int to = from;
        while (to < records.size() && to - from < config.maxRun() && dispatcher.batchable(consumer, records.get(to))) {
            to++;
        }
        return Math.max(to, from + 1);
    }

    /** Applies a run in one transaction; false when it failed (rolled back whole, to be applied in halves). */
    private boolean applyRun(List<ConsumerRecord<String, byte[]>> run) {
        try {
            dispatcher.dispatchAll(consumer, run);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("a run of %d events failed together (%s); applying them one by one", run.size(), e.getMessage());
            return false;
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
        try (var logContext = EventLogContext.enter(record)) {
            return applyOrDeadLetterLogged(record);
        }
    }

    private Outcome applyOrDeadLetterLogged(ConsumerRecord<String, byte[]> record) {
        RuntimeException last = null;
        int attempt = 0;
        while (attempt < config.maxAttempts() && running.getAsBoolean()) {
            attempt++;
            try {
                dispatcher.dispatch(consumer, record);
                return Outcome.DONE;
            } catch (PoisonEventException e) {
                last = e;
                break;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    // not this event's fault: read it again later, however long the outage lasts
                    LOG.warnf("event %s/%d@%d hit a transient failure, will retry: %s", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                    metrics.retried(consumer, typeOf(record));
                    return Outcome.RETRY_LATER;
                }
                last = e;
                LOG.warnf("event %s/%d@%d failed (attempt %d of %d): %s", record.topic(), record.partition(),
                        record.offset(), attempt, config.maxAttempts(), e.getMessage());
                if (attempt < config.maxAttempts()) {
                    metrics.retried(consumer, typeOf(record));
                }
                sleep(config.retryBackoff().multipliedBy(attempt));
            }
        }
        if (last == null || !running.getAsBoolean() && !(last instanceof PoisonEventException)) {
            return Outcome.STOP;
        }
        try {
            deadLetters.send(record, last, attempt);
            metrics.deadLettered(consumer, typeOf(record));
            LOG.errorf("event %s/%d@%d moved to the dead-letter topic after %d attempts: %s", record.topic(),
                    record.partition(), record.offset(), attempt, last.getMessage());
            return Outcome.DONE;
        } catch (Exception e) {
            LOG.errorf(e, "could not dead-letter %s/%d@%d; it will be read again", record.topic(),
                    record.partition(), record.offset());
            return Outcome.STOP;
        }
    }

    private static String typeOf(ConsumerRecord<String, byte[]> record) {
        return EventDispatcher.header(record, CloudEventHeaders.TYPE);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
