package dev.kaigi.chassis.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies the records of one poll, each partition in order, up to {@code kaigi.consumer.parallelism} partitions at
 * once: a handler that waits on a provider then holds back only its own partition. Events of one key share a
 * partition, so their order is kept; handlers must tolerate events of different keys at the same time. With a
 * parallelism of 1 the partitions are applied one after the other on the calling thread.
 */
final class PartitionWorkers implements AutoCloseable {

    private final PartitionApplier applier;
    private final ExecutorService pool;

    PartitionWorkers(PartitionApplier applier, int parallelism, String name) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("kaigi.consumer.parallelism must be at least 1, not " + parallelism);
        }
        this.applier = applier;
        AtomicInteger number = new AtomicInteger();
        this.pool = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism, task -> {
            Thread t = new Thread(task, name + "-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Applies every partition's records and waits for all of them, so the consumer thread gets the partitions back
     * with nothing in flight (a rebalance or a commit then sees only finished work). An {@link Error} or unexpected
     * exception of a worker is rethrown once the others are done, for the consumer to die and restart.
     */
    List<PartitionResult> applyAll(ConsumerRecords<String, byte[]> records) {
        AtomicBoolean roundStopped = new AtomicBoolean();
        List<PartitionResult> results = new ArrayList<>();
        if (pool == null || records.partitions().size() < 2) {
            for (TopicPartition partition : records.partitions()) {
                results.add(applier.apply(partition, records.records(partition), roundStopped));
            }
            return results;
        }
        List<Future<PartitionResult>> pending = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            pending.add(pool.submit(() -> applier.apply(partition, records.records(partition), roundStopped)));
        }
        Throwable failure = null;
        for (Future<PartitionResult> result : pending) {
            try {
                results.add(awaitUninterruptibly(result));
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return results;
    }

    private static PartitionResult awaitUninterruptibly(Future<PartitionResult> result) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
