package dev.kaigi.scheduling.booking;

import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.Intervals;
import dev.kaigi.scheduling.eligibility.WorkRules;
import dev.kaigi.scheduling.host.HostStatus;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AVL-05: the oracle's weighted rule on hand-made pools, so that {@link FairOrderOracleTest} compares the SQL with a rule that is itself checked. */
class FairChoiceTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Instant START = Instant.parse("2026-12-08T01:00:00Z"); // 10:00 in Tokyo, 8 December
    private static final LocalDate DAY = LocalDate.of(2026, 12, 8);

    private static HostFacts host(UUID id, int bookedThatDay) {
        Map<DayOfWeek, WorkRules.Day> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, new WorkRules.Day(true, new WorkRules.Window(LocalTime.MIN, LocalTime.of(23, 59)), List.of(), null));
        }
        return new HostFacts(id, HostStatus.ACTIVE, UserType.REGULAR, true, true, false, TOKYO, new WorkRules(week), null, null,
                bookedThatDay == 0 ? Map.of() : Map.of(DAY, bookedThatDay), Intervals.NONE);
    }

    private static List<UUID> order(List<HostFacts> pool, Map<UUID, PoolShare> shares, Map<UUID, Map<LocalDate, Integer>> meetings) {
        return FairChoice.order(pool, START, shares, meetings, Map.of()).stream().map(HostFacts::userId).toList();
    }

    @Test
    @DisplayName("AVL-05: smallest (meetings in the window + 1) / weight first; the window's first day counts, the day before it and "
            + "later days do not")
    void weightedShareAfterTheMeeting() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        List<HostFacts> pool = List.of(host(a, 0), host(b, 0), host(c, 0));
        Map<UUID, PoolShare> shares = Map.of(a, new PoolShare(1, 0), b, new PoolShare(2, 0), c, new PoolShare(3, 0));
        Map<UUID, Map<LocalDate, Integer>> meetings = new HashMap<>();
        meetings.put(a, Map.of(DAY.minusDays(PlanSql.FAIR_WINDOW_DAYS), 9, DAY.plusDays(1), 9)); // all outside: (0 + 1) / 1 = 1
        meetings.put(b, Map.of(DAY.minusDays(PlanSql.FAIR_WINDOW_DAYS - 1), 1)); // (1 + 1) / 2 = 1
        meetings.put(c, Map.of(DAY, 2)); // (2 + 1) / 3 = 1
        assertEquals(List.of(a, b, c), order(pool, shares, meetings), "three ties at 1: pool order");
        meetings.put(c, Map.of(DAY, 1)); // 2 / 3
        assertEquals(List.of(c, a, b), order(pool, shares, meetings));
        meetings.put(a, Map.of(DAY.minusDays(PlanSql.FAIR_WINDOW_DAYS - 1), 1)); // 2 / 1
        assertEquals(List.of(c, b, a), order(pool, shares, meetings));
    }

    @Test
    @DisplayName("AVL-05: between weighted ties, higher priority first, then fewest meetings that day, then pool order")
    void priorityThenDayLoad() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        List<HostFacts> pool = List.of(host(a, 0), host(b, 2), host(c, 1));
        Map<UUID, PoolShare> shares = Map.of(b, new PoolShare(1, 5), c, new PoolShare(1, 5));
        assertEquals(List.of(c, b, a), order(pool, shares, Map.of()));
    }

    @Test
    @DisplayName("AVL-05: always taking the oracle's first, weights 1:2:3 give exactly 1/6, 2/6 and 3/6 of every 6 meetings")
    void roundsFollowTheWeights() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        List<HostFacts> pool = List.of(host(a, 0), host(b, 0), host(c, 0));
        Map<UUID, PoolShare> shares = Map.of(a, new PoolShare(1, 0), b, new PoolShare(2, 0), c, new PoolShare(3, 0));
        Map<UUID, Map<LocalDate, Integer>> meetings = new HashMap<>();
        List<UUID> given = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            UUID first = order(pool, shares, meetings).get(0);
            given.add(first);
            meetings.merge(first, Map.of(DAY, 1), (x, y) -> Map.of(DAY, x.get(DAY) + 1));
        }
        for (int round = 0; round < 10; round++) {
            List<UUID> six = given.subList(round * 6, round * 6 + 6);
            assertEquals(1, six.stream().filter(a::equals).count(), "round " + round);
            assertEquals(2, six.stream().filter(b::equals).count(), "round " + round);
            assertEquals(3, six.stream().filter(c::equals).count(), "round " + round);
        }
    }
}
