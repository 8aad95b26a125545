package dev.kaigi.chassis.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The service's event consumer ({@code kaigi.consumer.*}). */
@ConfigMapping(prefix = "kaigi.consumer")
public interface ConsumerConfig {

    @WithDefault("true")
    boolean enabled();

    /** Topics to subscribe to; no topics, no consumer. */
    Optional<List<String>> topics();

    /** Defaults to the service name, so all instances of a service share the partitions. */
    Optional<String> groupId();

    /** Attempts per event before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Pause after the first failed attempt; grows linearly with each attempt. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /**
     * How long applied event ids are remembered. Must exceed the longest time Kafka may hand an
     * event over again (the topics' retention, 7 days by default).
     */
    @WithDefault("14d")
    Duration inboxRetention();

    /**
     * Most events applied in one transaction when their handlers allow it
     * ({@link EventHandler#batchable()}); 1 applies every event in a transaction of its own.
     */
    @WithDefault("200")
    int maxRun();

    /**
     * Partitions of a poll applied at once, each in order on a worker thread of its own; 1 applies them one after
     * the other on the consumer thread. Worth more than 1 where handlers wait on other systems (HTTP, SMTP); up to
     * the partitions this instance owns.
     */
    @WithDefault("1")
    int parallelism();

    /** Pause before a consumer that died of an unexpected error is started again. */
    @WithDefault("1s")
    Duration restartBackoff();
}
