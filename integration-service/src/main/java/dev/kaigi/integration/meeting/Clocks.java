package dev.kaigi.integration.meeting;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock what is due is judged by (reminders); tests put one in its place that they can move. */
@Singleton
class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
