package dev.kaigi.scheduling.publicpage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code kaigi.public-booking.*}: how often one client address may call the public booking pages. */
@ConfigMapping(prefix = "kaigi.public-booking")
public interface PublicBookingConfig {

    /** Requests per client address and window; more answer 429 with Retry-After. */
    @WithDefault("60")
    int requestsPerWindow();

    @WithDefault("1m")
    Duration window();
}
