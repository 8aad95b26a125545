package dev.kaigi.integration;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The service's clock in tests: the system's, until a test sets it to another instant (and back). */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    /** From now on the clock reads {@code instant} (and runs on from there). */
    public void set(Instant instant) {
        ahead = Duration.between(Instant.now(), instant);
    }

    public void reset() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service judges time in UTC");
    }
}
