package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.scheduling.ConferencingMethod;

import java.time.Duration;
import java.time.Instant;

/**
 * A meeting a host might take: its time, the type's buffers and its conferencing method.
 * {@link #blockedFrom()}–{@link #blockedTo()} is what no other meeting of the host may touch.
 */
public record Slot(Instant start, Instant end, Duration bufferBefore, Duration bufferAfter, ConferencingMethod method) {

    public Instant blockedFrom() {
        return start.minus(bufferBefore);
    }

    public Instant blockedTo() {
        return end.plus(bufferAfter);
    }
}
