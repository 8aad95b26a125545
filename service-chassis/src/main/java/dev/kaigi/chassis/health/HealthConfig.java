package dev.kaigi.chassis.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the wellness checks of other systems ask ({@code kaigi.health.*}). */
@ConfigMapping(prefix = "kaigi.health")
public interface HealthConfig {

    /** How long a check's answer is reused before the system is asked again. */
    @WithDefault("10s")
    Duration cacheFor();

    /** The longest a check waits for the system it asks: the most a health request can be held up by one. */
    @WithDefault("2s")
    Duration timeout();
}
