package dev.kaigi.scheduling.booking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code kaigi.booking.*}. */
@ConfigMapping(prefix = "kaigi.booking")
public interface BookingConfig {

    /** How long an Idempotency-Key answer is replayed; older keys are forgotten and may be used again. */
    @WithDefault("24h")
    Duration idempotencyKeyRetention();
}
