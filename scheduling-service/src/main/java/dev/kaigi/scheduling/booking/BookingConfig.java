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

    /**
     * The key manage links are derived under (MTG-02): base64 of at least 32 random bytes, the same
     * in scheduling-service and integration-service ({@code KAIGI_MANAGE_LINK_SECRET}).
     */
    String manageLinkSecret();
}
