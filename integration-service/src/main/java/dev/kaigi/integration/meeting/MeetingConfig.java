package dev.kaigi.integration.meeting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Side effects of bookings ({@code kaigi.meetings.*}). */
@ConfigMapping(prefix = "kaigi.meetings")
public interface MeetingConfig {

    /**
     * How long a booking waits for its host's profile from user-service's topic (the two topics have no order
     * between them) before the effects that need the host are skipped.
     */
    @WithDefault("10m")
    Duration hostProfileGrace();

    /** How often each instance looks for reminders that are due (MTG-07): the most a reminder is late. */
    @WithDefault("30s")
    Duration remindersEvery();
}
