package dev.kaigi.chassis.inbox;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What applying one partition's records of a poll came to, for the consumer thread to act on (only it may touch the
 * Kafka consumer).
 *
 * @param applied the offset to commit: every record before it is applied; null when none was
 * @param readAgainFrom the first record not applied, to seek back to; null when all were
 * @param retryLater that record met a transient failure: hold the partition back for a while
 */
record PartitionResult(TopicPartition partition, OffsetAndMetadata applied, Long readAgainFrom, boolean retryLater) {

    boolean progressed() {
        return applied != null;
    }
}
