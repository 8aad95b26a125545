package dev.kaigi.scheduling;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.booking.FairChoice;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.Intervals;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.eligibility.WorkRules;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SCH-07 policies as pure functions: every reason code, DST change days, zones far from UTC, SCH-03's local day. */
class EligibilityPoliciesTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    /** A host built up field by field; every rule holds by default (Tokyo, every day 09:00–18:00, lunch 12–13). */
    private static final class H {
        UUID id = UUID.randomUUID();
        HostStatus status = HostStatus.ACTIVE;
        UserType type = UserType.REGULAR;
        boolean calendar = true;
        boolean zoomLinked = true;
        boolean zoomUrl = false;
        ZoneId zone = TOKYO;
        LocalTime open = LocalTime.of(9, 0);
        LocalTime close = LocalTime.of(18, 0);
        List<WorkRules.Window> breaks = List.of(new WorkRules.Window(LocalTime.of(12, 0), LocalTime.of(13, 0)));
        Map<DayOfWeek, Integer> caps = new EnumMap<>(DayOfWeek.class);
        DayOfWeek off = null;
        Integer opportunityCap = null;
        Integer open0 = null;
        Map<LocalDate, Integer> booked = Map.of();
        List<Instant[]> taken = new ArrayList<>();
        Instant lastBooked;

        HostFacts facts() {
            Map<DayOfWeek, WorkRules.Day> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                week.put(d, new WorkRules.Day(d != off, new WorkRules.Window(open, close), breaks, caps.get(d)));
            }
            return new HostFacts(id, status, type, calendar, zoomLinked, zoomUrl, zone, new WorkRules(week), opportunityCap,
                    open0, booked, Intervals.of(taken));
        }
    }

    private static Slot slot(String start, int minutes) {
        Instant s = Instant.parse(start);
        return new Slot(s, s.plus(Duration.ofMinutes(minutes)), Duration.ZERO, Duration.ZERO, ConferencingMethod.GOOGLE_MEET);
    }

    private static List<String> reasons(H h, Slot slot) {
        return EligibilityPolicies.reasons(h.facts(), slot).stream().map(Reason::code).toList();
    }

    // Tuesday 2026-12-08, 10:00 Tokyo = 01:00Z
    private static final String TOKYO_10 = "2026-12-08T01:00:00Z";

    @Test
    @DisplayName("SCH-07: a host meeting every rule is eligible")
    void eligible() {
        assertEquals(List.of(), reasons(new H(), slot(TOKYO_10, 30)));
    }

    @Test
    @DisplayName("SCH-07, LIF-01: inactive (deactivated, invited, deleted, unknown status)")
    void inactive() {
        for (HostStatus s : new HostStatus[] {HostStatus.DEACTIVATED, HostStatus.INVITED, HostStatus.DELETED, null}) {
            H h = new H();
            h.status = s;
            assertEquals(List.of("inactive"), reasons(h, slot(TOKYO_10, 30)), String.valueOf(s));
        }
    }

    @Test
    @DisplayName("SCH-07: team-user")
    void teamUser() {
        H h = new H();
        h.type = UserType.TEAM;
        assertEquals(List.of("team-user"), reasons(h, slot(TOKYO_10, 30)));
    }

    @Test
    @DisplayName("SCH-07: calendar-not-connected")
    void calendar() {
        H h = new H();
        h.calendar = false;
        assertEquals(List.of("calendar-not-connected"), reasons(h, slot(TOKYO_10, 30)));
    }

    @Test
    @DisplayName("SCH-01, SCH-07: outside-working-hours before the window, across its end, on a day off, without a schedule")
    void outsideWorkingHours() {
        H h = new H();
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-12-07T23:30:00Z", 30))); // 08:30 Tokyo
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-12-08T08:45:00Z", 30))); // 17:45–18:15 Tokyo
        assertEquals(List.of(), reasons(h, slot("2026-12-08T08:30:00Z", 30))); // 17:30–18:00 ends with the window
        h.off = DayOfWeek.TUESDAY;
        assertEquals(List.of("outside-working-hours"), reasons(h, slot(TOKYO_10, 30)));
        HostFacts noSchedule = new HostFacts(UUID.randomUUID(), HostStatus.ACTIVE, UserType.REGULAR, true, true, false, null, null,
                null, null, Map.of(), Intervals.NONE);
        assertEquals(List.of(Reason.OUTSIDE_WORKING_HOURS), EligibilityPolicies.reasons(noSchedule, slot(TOKYO_10, 30)));
    }

    @Test
    @DisplayName("SCH-01, SCH-07: in-break when any part of the meeting touches a break; adjacent is fine")
    void inBreak() {
        H h = new H();
        assertEquals(List.of("in-break"), reasons(h, slot("2026-12-08T02:45:00Z", 30))); // 11:45–12:15 Tokyo
        assertEquals(List.of("in-break"), reasons(h, slot("2026-12-08T03:30:00Z", 15))); // 12:30 Tokyo
        assertEquals(List.of(), reasons(h, slot("2026-12-08T02:30:00Z", 30))); // 11:30–12:00
        assertEquals(List.of(), reasons(h, slot("2026-12-08T04:00:00Z", 30))); // 13:00–13:30
    }

    @Test
    @DisplayName("SCH-07: overlapping-meeting with a Kaigi booking or a calendar busy time, buffers included")
    void overlapping() {
        H h = new H();
        h.taken.add(new Instant[] {Instant.parse("2026-12-08T01:15:00Z"), Instant.parse("2026-12-08T01:45:00Z")});
        assertEquals(List.of("overlapping-meeting"), reasons(h, slot(TOKYO_10, 30)));
        assertEquals(List.of(), reasons(h, slot("2026-12-08T00:45:00Z", 30))); // ends when the other starts
        Instant s = Instant.parse("2026-12-08T00:45:00Z");
        Slot buffered = new Slot(s, s.plus(Duration.ofMinutes(30)), Duration.ZERO, Duration.ofMinutes(10), ConferencingMethod.PHONE);
        assertEquals(List.of(Reason.OVERLAPPING_MEETING), EligibilityPolicies.reasons(h.facts(), buffered));
    }

    @Test
    @DisplayName("SCH-02, SCH-03: daily-cap-reached counts Kaigi bookings of the start's local day against that weekday's cap")
    void dailyCap() {
        H h = new H();
        h.caps.put(DayOfWeek.TUESDAY, 2);
        h.booked = Map.of(LocalDate.of(2026, 12, 8), 1);
        assertEquals(List.of(), reasons(h, slot(TOKYO_10, 30)));
        h.booked = Map.of(LocalDate.of(2026, 12, 8), 2);
        assertEquals(List.of("daily-cap-reached"), reasons(h, slot(TOKYO_10, 30)));
        // Wednesday has no cap: unlimited
        h.booked = Map.of(LocalDate.of(2026, 12, 9), 50);
        assertEquals(List.of(), reasons(h, slot("2026-12-09T01:00:00Z", 30)));
    }

    @Test
    @DisplayName("SCH-03: busy times block but never count toward the cap")
    void busyTimesDoNotCount() {
        H h = new H();
        h.caps.put(DayOfWeek.TUESDAY, 1);
        h.taken.add(new Instant[] {Instant.parse("2026-12-08T05:00:00Z"), Instant.parse("2026-12-08T07:00:00Z")});
        assertEquals(List.of(), reasons(h, slot(TOKYO_10, 30)));
    }

    @Test
    @DisplayName("SCH-04: opportunity-cap-reached at or above the cap; nothing known before a sync")
    void opportunityCap() {
        H h = new H();
        h.opportunityCap = 5;
        h.open0 = 4;
        assertEquals(List.of(), reasons(h, slot(TOKYO_10, 30)));
        h.open0 = 5;
        assertEquals(List.of("opportunity-cap-reached"), reasons(h, slot(TOKYO_10, 30)));
        h.open0 = null;
        assertEquals(List.of(), reasons(h, slot(TOKYO_10, 30)));
    }

    @Test
    @DisplayName("SCH-07, INT-01: zoom-not-configured only for ZOOM meetings; a personal URL or a linked account will do")
    void zoom() {
        H h = new H();
        h.zoomLinked = false;
        Instant s = Instant.parse(TOKYO_10);
        Slot zoom = new Slot(s, s.plus(Duration.ofMinutes(30)), Duration.ZERO, Duration.ZERO, ConferencingMethod.ZOOM);
        assertEquals(List.of(Reason.ZOOM_NOT_CONFIGURED), EligibilityPolicies.reasons(h.facts(), zoom));
        assertEquals(List.of(), reasons(h, slot(TOKYO_10, 30)));
        h.zoomUrl = true;
        assertEquals(List.of(), EligibilityPolicies.reasons(h.facts(), zoom));
    }

    @Test
    @DisplayName("SCH-07: every failed rule is reported, in the spec's order")
    void allReasons() {
        H h = new H();
        h.status = HostStatus.DEACTIVATED;
        h.type = UserType.TEAM;
        h.calendar = false;
        h.zoomLinked = false;
        h.opportunityCap = 1;
        h.open0 = 3;
        h.caps.put(DayOfWeek.TUESDAY, 1);
        h.booked = Map.of(LocalDate.of(2026, 12, 8), 1);
        h.taken.add(new Instant[] {Instant.parse("2026-12-08T03:00:00Z"), Instant.parse("2026-12-08T03:30:00Z")});
        Instant s = Instant.parse("2026-12-08T02:45:00Z");
        Slot zoom = new Slot(s, s.plus(Duration.ofMinutes(45)), Duration.ZERO, Duration.ZERO, ConferencingMethod.ZOOM);
        assertEquals(List.of(Reason.INACTIVE, Reason.TEAM_USER, Reason.CALENDAR_NOT_CONNECTED, Reason.IN_BREAK,
                Reason.OVERLAPPING_MEETING, Reason.DAILY_CAP_REACHED, Reason.OPPORTUNITY_CAP_REACHED, Reason.ZOOM_NOT_CONFIGURED),
                EligibilityPolicies.reasons(h.facts(), zoom));
        h.close = LocalTime.of(12, 0);
        assertEquals(Reason.INACTIVE, EligibilityPolicies.firstReason(h.facts(), zoom).orElseThrow());
        assertEquals(true, EligibilityPolicies.reasons(h.facts(), zoom).contains(Reason.OUTSIDE_WORKING_HOURS));
    }

    @Test
    @DisplayName("SCH-01, SCH-03 DST: New York on 2026-03-08 (spring forward) — the window is read on local clocks, the day is local")
    void newYorkSpringForward() {
        H h = new H();
        h.zone = NEW_YORK;
        h.open = LocalTime.of(1, 0);
        h.close = LocalTime.of(5, 0);
        h.breaks = List.of();
        h.caps.put(DayOfWeek.SUNDAY, 1);
        // 01:30 EST = 06:30Z, 60 min → 03:30 EDT: inside 01:00–05:00 though only 3 real hours pass
        assertEquals(List.of(), reasons(h, slot("2026-03-08T06:30:00Z", 60)));
        // 04:30 EDT = 08:30Z, 60 min → 05:30 EDT: past the window
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-03-08T08:30:00Z", 60)));
        // 03:00 EDT = 07:00Z is one minute after 01:59 EST: the window's real length is 3 h (06:00Z–09:00Z)
        assertEquals(List.of(), reasons(h, slot("2026-03-08T08:00:00Z", 60)));
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-03-08T05:30:00Z", 30)));
        // the cap counts on Sunday 8 March local, though 04:30Z on 9 March is still Sunday evening in New York
        h.open = LocalTime.of(9, 0);
        h.close = LocalTime.of(23, 59);
        h.booked = Map.of(LocalDate.of(2026, 3, 8), 1);
        assertEquals(List.of("daily-cap-reached"), reasons(h, slot("2026-03-09T02:00:00Z", 30))); // 22:00 EDT Sunday
        h.off = DayOfWeek.MONDAY;
        assertEquals(DayOfWeek.SUNDAY, h.facts().dayOf(Instant.parse("2026-03-09T02:00:00Z")).getDayOfWeek());
    }

    @Test
    @DisplayName("SCH-01, SCH-03 DST: New York on 2026-11-01 (fall back) — 01:00–05:00 local lasts 5 real hours")
    void newYorkFallBack() {
        H h = new H();
        h.zone = NEW_YORK;
        h.open = LocalTime.of(1, 0);
        h.close = LocalTime.of(5, 0);
        h.breaks = List.of(new WorkRules.Window(LocalTime.of(3, 0), LocalTime.of(3, 30)));
        h.caps.put(DayOfWeek.SUNDAY, 2);
        // 01:00 EDT = 05:00Z opens; 05:00 EST = 10:00Z closes
        assertEquals(List.of(), reasons(h, slot("2026-11-01T05:00:00Z", 60)));
        assertEquals(List.of(), reasons(h, slot("2026-11-01T09:00:00Z", 60)));
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-11-01T09:30:00Z", 60)));
        // the second 01:30 (EST, 06:30Z) is inside too
        assertEquals(List.of(), reasons(h, slot("2026-11-01T06:30:00Z", 30)));
        // break 03:00–03:30 EST = 08:00Z–08:30Z
        assertEquals(List.of("in-break"), reasons(h, slot("2026-11-01T08:00:00Z", 30)));
        h.booked = Map.of(LocalDate.of(2026, 11, 1), 2);
        assertEquals(List.of("daily-cap-reached"), reasons(h, slot("2026-11-01T05:00:00Z", 30)));
    }

    @Test
    @DisplayName("SCH-03: Asia/Kolkata — a meeting at 19:00Z counts on the next local day (00:30 IST) and its weekday's cap")
    void kolkataNextDay() {
        H h = new H();
        h.zone = KOLKATA;
        h.open = LocalTime.of(0, 0);
        h.close = LocalTime.of(23, 0);
        h.breaks = List.of();
        h.caps.put(DayOfWeek.WEDNESDAY, 1); // Tuesday 2026-12-08 19:00Z is Wednesday 00:30 in Kolkata
        HostFacts f = h.facts();
        assertEquals(LocalDate.of(2026, 12, 9), f.dayOf(Instant.parse("2026-12-08T19:00:00Z")));
        h.booked = Map.of(LocalDate.of(2026, 12, 8), 5); // Tuesday's count does not matter
        assertEquals(List.of(), reasons(h, slot("2026-12-08T19:00:00Z", 30)));
        h.booked = Map.of(LocalDate.of(2026, 12, 9), 1);
        assertEquals(List.of("daily-cap-reached"), reasons(h, slot("2026-12-08T19:00:00Z", 30)));
        // Wednesday off in Kolkata: the 19:00Z meeting is on the day off, though UTC says Tuesday
        h.booked = Map.of();
        h.off = DayOfWeek.WEDNESDAY;
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-12-08T19:00:00Z", 30)));
    }

    @Test
    @DisplayName("SCH-03: Asia/Tokyo — 23:30Z Monday is Tuesday 08:30 in Tokyo: Tuesday's window and cap")
    void tokyoWeekday() {
        H h = new H();
        h.open = LocalTime.of(8, 0);
        h.caps.put(DayOfWeek.TUESDAY, 1);
        h.caps.put(DayOfWeek.MONDAY, 9);
        h.booked = Map.of(LocalDate.of(2026, 12, 8), 1);
        assertEquals(List.of("daily-cap-reached"), reasons(h, slot("2026-12-07T23:30:00Z", 30)));
        h.off = DayOfWeek.TUESDAY;
        h.booked = Map.of();
        assertEquals(List.of("outside-working-hours"), reasons(h, slot("2026-12-07T23:30:00Z", 30)));
    }

    @Test
    @DisplayName("SCH-08 fairness: fewest meetings that local day, then longest since the last one, then pool order")
    void fairOrder() {
        LocalDate day = LocalDate.of(2026, 12, 8);
        H busy = new H();
        busy.booked = Map.of(day, 2);
        H recent = new H();
        recent.booked = Map.of(day, 1);
        recent.lastBooked = Instant.parse("2026-12-01T00:00:00Z");
        H earlier = new H();
        earlier.booked = Map.of(day, 1);
        earlier.lastBooked = Instant.parse("2026-11-01T00:00:00Z");
        H never = new H();
        never.booked = Map.of(day, 1);
        H neverToo = new H();
        neverToo.booked = Map.of(day, 1);
        List<HostFacts> pool = List.of(busy.facts(), recent.facts(), earlier.facts(), never.facts(), neverToo.facts());
        assertEquals(List.of(never.id, neverToo.id, earlier.id, recent.id, busy.id),
                FairChoice.order(pool, Instant.parse(TOKYO_10), Map.of(), Map.of(),
                                Map.of(recent.id, recent.lastBooked, earlier.id, earlier.lastBooked))
                        .stream().map(HostFacts::userId).toList());
    }

    @Test
    @DisplayName("SCH-03 across DST: the day one host's facts answer for slot after slot equals a fresh answer each time (New York, both change days)")
    void dayAtOfConsecutiveSlotsMatchesAFreshAnswer() {
        H h = new H();
        h.zone = java.time.ZoneId.of("America/New_York");
        HostFacts reused = h.facts();
        for (String from : List.of("2026-03-07T00:00:00Z", "2026-10-31T00:00:00Z")) {
            for (Instant t = Instant.parse(from); t.isBefore(Instant.parse(from).plus(java.time.Duration.ofDays(3)));
                 t = t.plus(java.time.Duration.ofMinutes(15))) {
                HostFacts.HostDay fresh = h.facts().dayAt(t);
                HostFacts.HostDay cached = reused.dayAt(t);
                assertEquals(List.of(fresh.date(), fresh.open(), fresh.close()), List.of(cached.date(), cached.open(), cached.close()), "at " + t);
                assertEquals(fresh.breaks().stream().map(java.util.Arrays::asList).toList(),
                        cached.breaks().stream().map(java.util.Arrays::asList).toList(), "breaks at " + t);
            }
        }
    }
}
