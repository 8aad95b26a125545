package dev.kaigi.events.integration;

import java.time.Instant;
import java.util.Objects;

/** A time range in which a user's calendar shows them busy; the end is exclusive. */
public record BusyInterval(
        Instant start,
        Instant end) {

    public BusyInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
