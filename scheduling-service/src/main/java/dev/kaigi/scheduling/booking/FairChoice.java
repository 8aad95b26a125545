package dev.kaigi.scheduling.booking;

import dev.kaigi.scheduling.eligibility.HostFacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SCH-08's fairness rule, the order in which eligible hosts are offered a meeting:
 * <ol>
 * <li>fewest Kaigi meetings on the meeting's day (the start's local date in each host's own zone,
 *     the same count the daily cap uses; calendar busy times do not count, SCH-03);</li>
 * <li>then the one Kaigi gave a new meeting longest ago (never given one comes first; a meeting
 *     moved to a host by a transfer, LIF-02, is not a new one);</li>
 * <li>then the order of the meeting type's pool.</li>
 * </ol>
 * The first candidate who wins the write gets the meeting; one who lost a race makes way for the next.
 * A booking of a host that is being written right now ({@link InFlight}) already counts on its day,
 * and makes that host the one booked last.
 * <p>
 * {@link OneStatementBooking} applies the same order in SQL (its {@code order by}); keep the two alike.
 */
public final class FairChoice {

    private FairChoice() {
    }

    /** Bookings of a host-day whose write has not ended yet. */
    @FunctionalInterface
    public interface InFlight {
        InFlight NONE = (host, day) -> 0;

        int on(UUID host, LocalDate day);
    }

    /** {@code eligible} (in pool order) in the order they are offered a meeting starting at {@code start}. */
    public static List<HostFacts> order(List<HostFacts> eligible, Instant start) {
        return order(eligible, start, InFlight.NONE);
    }

    /** The same, with the writes in flight counted as if they had committed. */
    public static List<HostFacts> order(List<HostFacts> eligible, Instant start, InFlight inFlight) {
        // read once: the counts change under concurrent requests, and a sort needs a stable order
        Map<UUID, Integer> writing = new HashMap<>();
        for (HostFacts h : eligible) {
            writing.put(h.userId(), inFlight.on(h.userId(), h.dayOf(start)));
        }
        Comparator<HostFacts> byDayLoad = Comparator.comparingInt(h -> h.bookedOn(h.dayOf(start)) + writing.get(h.userId()));
        // equal load: one being written counts as booked last, after everyone whose last booking committed
        Comparator<HostFacts> byBeingWritten = Comparator.comparingInt(h -> writing.get(h.userId()) > 0 ? 1 : 0);
        Comparator<HostFacts> byLastBooked = Comparator.comparing(HostFacts::lastBookedAt,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return eligible.stream().sorted(byDayLoad.thenComparing(byBeingWritten).thenComparing(byLastBooked)).toList(); // stable: pool order last
    }
}
