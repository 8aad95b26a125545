package dev.kaigi.scheduling.booking;

import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.meetingtype.PoolShare;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SCH-08's and AVL-05's fairness rule written plainly, the test oracle of the order {@code book.sql}
 * applies. Each host's day is the start's local date in their own zone (the same day the daily cap
 * counts on, SCH-03); their window is the {@link PlanSql#FAIR_WINDOW_DAYS} days up to it, that day
 * included. First comes
 * <ol>
 * <li>the smallest (the host's meetings of this pool in their window + 1) / their weight: the host
 *     whose share of the pool's meetings would stay furthest below their weight's share if they got
 *     this one (compared exactly, as fractions);</li>
 * <li>then the higher priority;</li>
 * <li>then the fewest Kaigi meetings on the host's day (every meeting type; calendar busy times do
 *     not count);</li>
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
     * @param shares       each host's weight and priority in the pool; absent: the defaults
     * @param poolMeetings each host's meetings of this pool per local day; absent: none
     * @param lastBooked   when each host was last given a new meeting; absent if never
     */
    public static List<HostFacts> order(List<HostFacts> eligible, Instant start, Map<UUID, PoolShare> shares,
                                        Map<UUID, Map<LocalDate, Integer>> poolMeetings, Map<UUID, Instant> lastBooked) {
        Comparator<HostFacts> byShareAfter = (a, b) -> {
            // (na + 1) / wa against (nb + 1) / wb, without rounding
            long left = (inWindow(a, start, poolMeetings) + 1L) * share(b, shares).weight();
            long right = (inWindow(b, start, poolMeetings) + 1L) * share(a, shares).weight();
            return Long.compare(left, right);
        };
        Comparator<HostFacts> byPriority = Comparator.comparingInt(h -> -share(h, shares).priority());
        Comparator<HostFacts> byDayLoad = Comparator.comparingInt(h -> h.bookedOn(h.dayOf(start)));
        Comparator<HostFacts> byLastBooked = Comparator.comparing(h -> lastBooked.get(h.userId()),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return eligible.stream()
                .sorted(byShareAfter.thenComparing(byPriority).thenComparing(byDayLoad).thenComparing(byLastBooked))
                .toList(); // stable: pool order last
    }

    /** The host's meetings of the pool on the window's days: their day of {@code start} and the days before it. */
    static int inWindow(HostFacts h, Instant start, Map<UUID, Map<LocalDate, Integer>> poolMeetings) {
        LocalDate day = h.dayOf(start);
        LocalDate first = day.minusDays(PlanSql.FAIR_WINDOW_DAYS - 1);
        return poolMeetings.getOrDefault(h.userId(), Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().isBefore(first) && !e.getKey().isAfter(day))
                .mapToInt(Map.Entry::getValue).sum();
    }

    private static PoolShare share(HostFacts h, Map<UUID, PoolShare> shares) {
        return shares.getOrDefault(h.userId(), PoolShare.DEFAULT);
    }
}
