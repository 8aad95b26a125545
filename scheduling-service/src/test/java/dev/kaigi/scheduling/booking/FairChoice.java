package dev.kaigi.scheduling.booking;

import dev.kaigi.scheduling.eligibility.HostFacts;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SCH-08's fairness rule written plainly, the test oracle of the order {@code book.sql} applies:
 * <ol>
 * <li>fewest Kaigi meetings on the meeting's day (the start's local date in each host's own zone,
 *     the same count the daily cap uses; calendar busy times do not count, SCH-03);</li>
 * <li>then the one Kaigi gave a new meeting longest ago (never given one comes first; a meeting
 *     moved to a host by a transfer, LIF-02, is not a new one);</li>
 * <li>then the order of the meeting type's pool.</li>
 * </ol>
 * {@link FairOrderOracleTest} holds the SQL to it on generated pools.
 */
public final class FairChoice {

    private FairChoice() {
    }

    /**
     * {@code eligible} (in pool order) in the order they are offered a meeting starting at {@code start}.
     *
     * @param lastBooked when each host was last given a new meeting; absent if never
     */
    public static List<HostFacts> order(List<HostFacts> eligible, Instant start, Map<UUID, Instant> lastBooked) {
        Comparator<HostFacts> byDayLoad = Comparator.comparingInt(h -> h.bookedOn(h.dayOf(start)));
        Comparator<HostFacts> byLastBooked = Comparator.comparing(h -> lastBooked.get(h.userId()),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return eligible.stream().sorted(byDayLoad.thenComparing(byLastBooked)).toList(); // stable: pool order last
    }
}
