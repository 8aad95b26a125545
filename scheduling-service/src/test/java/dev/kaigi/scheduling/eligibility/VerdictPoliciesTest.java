package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.host.HostStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Availability judges with {@link EligibilityPolicies#ABOUT_TIME_VERDICT}, which leaves the closed-day
 * rule out and asks the rest in another order: on random hosts (overrides, time off, closed days, caps,
 * meetings) across DST and half-hour zones it gives the same verdict as the spec's rules, slot by slot.
 */
class VerdictPoliciesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Tokyo"));

    @Test
    @DisplayName("SCH-09, AVL-01..03: the verdict rules availability asks agree with every time rule on random hosts")
    void verdictAgreesWithTheSpecsRules() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LocalDate first = LocalDate.of(2027, 3, 12);
        int refused = 0;
        for (int n = 0; n < 200; n++) {
            HostFacts host = randomHost(random, first);
            for (Instant s = first.atStartOfDay(ZoneId.of("UTC")).toInstant(); s.isBefore(first.plusDays(4).atStartOfDay(ZoneId.of("UTC")).toInstant());
                 s = s.plus(Duration.ofMinutes(30))) {
                Slot slot = new Slot(s, s.plus(Duration.ofMinutes(45)), Duration.ofMinutes(15), Duration.ZERO, ConferencingMethod.PHONE);
                boolean spec = EligibilityPolicies.firstReason(EligibilityPolicies.ABOUT_TIME, host, slot).isEmpty();
                boolean verdict = EligibilityPolicies.firstReason(EligibilityPolicies.ABOUT_TIME_VERDICT, host, slot).isEmpty();
                assertEquals(spec, verdict, "seed " + seed + ", host " + n + ", slot " + s);
                refused += spec ? 0 : 1;
            }
        }
        assertTrue(refused > 0, "some slots refused");
    }

    private static HostFacts randomHost(Random random, LocalDate first) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Map<DayOfWeek, WorkRules.Day> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            LocalTime open = LocalTime.of(random.nextInt(12), 30 * random.nextInt(2));
            week.put(d, new WorkRules.Day(random.nextInt(5) > 0, new WorkRules.Window(open, open.plusHours(3 + random.nextInt(9))),
                    List.of(new WorkRules.Window(open.plusHours(1), open.plusHours(2))), random.nextBoolean() ? null : 1 + random.nextInt(2)));
        }
        Map<LocalDate, WorkRules.Day> overrides = new HashMap<>();
        Set<LocalDate> closed = new HashSet<>();
        Map<LocalDate, Integer> booked = new HashMap<>();
        for (int d = 0; d < 4; d++) {
            LocalDate day = first.plusDays(d);
            switch (random.nextInt(4)) {
                case 0 -> overrides.put(day, new WorkRules.Day(random.nextBoolean(),
                        new WorkRules.Window(LocalTime.of(1, 0), LocalTime.of(6 + random.nextInt(17), 0)), List.of(), null));
                case 1 -> closed.add(day);
                default -> { }
            }
            booked.put(day, random.nextInt(3));
        }
        List<Instant[]> absences = new ArrayList<>();
        List<Instant[]> taken = new ArrayList<>();
        Instant base = first.atStartOfDay(zone).toInstant();
        for (int i = 0; i < 3; i++) {
            Instant a = base.plus(Duration.ofMinutes(30L * random.nextInt(4 * 48)));
            absences.add(new Instant[] {a, a.plus(Duration.ofMinutes(30L + 30L * random.nextInt(12)))});
            Instant t = base.plus(Duration.ofMinutes(30L * random.nextInt(4 * 48)));
            taken.add(new Instant[] {t, t.plus(Duration.ofMinutes(60))});
        }
        return new HostFacts(UUID.randomUUID(), HostStatus.ACTIVE, UserType.REGULAR, true, true, false, zone,
                new WorkRules(week, overrides, closed::contains), null, null, booked, Intervals.of(taken), Intervals.of(absences));
    }
}
