package dev.kaigi.scheduling.booking;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host-days this instance is writing a booking for right now (SCH-08's fair order under load).
 * A booking read its facts before another one of the same host-day committed, so without this
 * every concurrent request would see the same "least loaded, longest ago" host and queue on that
 * host-day's counter row. A host with a write in flight is about to have one more meeting that
 * day and to be the one booked last, so {@link FairChoice} ranks it that way, and concurrent
 * requests spread over the pool. Only an ordering hint: caps and overlaps stay enforced by the
 * database, whatever another instance is doing.
 * <p>
 * Only the two-trip path uses it; {@link OneStatementBooking} marks a host-day being written with
 * a transaction-scoped advisory lock instead, which every instance sees.
 */
@ApplicationScoped
public class InFlightBookings {

    private record HostDay(UUID host, LocalDate day) {
    }

    private final ConcurrentHashMap<HostDay, AtomicInteger> writing = new ConcurrentHashMap<>();

    /** How many bookings of {@code host} on {@code day} are being written by this instance. */
    public int on(UUID host, LocalDate day) {
        AtomicInteger n = writing.get(new HostDay(host, day));
        return n == null ? 0 : n.get();
    }

    /** Marks one write of that host-day as started; close the handle when it ended, however it ended. */
    Handle start(UUID host, LocalDate day) {
        HostDay key = new HostDay(host, day);
        writing.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return () -> writing.computeIfPresent(key, (k, n) -> n.decrementAndGet() == 0 ? null : n);
    }

    /** An ongoing write. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
