package dev.kaigi.chassis.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the outbox relay ({@code kaigi.outbox.*}). */
@ConfigMapping(prefix = "kaigi.outbox")
public interface OutboxConfig {

    /** Off only in tests that drive a relay themselves. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay sleeps when nothing woke it: picks up rows committed by other instances. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** First pause after a failed publish; doubles up to {@link #maxBackoff()}. */
    @WithDefault("100ms")
    Duration initialBackoff();

    @WithDefault("10s")
    Duration maxBackoff();

    /** Sent rows are kept this long for audit and replay, then deleted. */
    @WithDefault("7d")
    Duration retention();
}
