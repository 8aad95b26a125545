package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.host.HostStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the eligibility policies need to know about one host for a span of time, read in a
 * few queries for a whole pool ({@link HostFactsLoader}) and then judged in memory. The host's
 * days (window and breaks as instants) are worked out once per local date and kept, because
 * availability asks about thousands of slots.
 */
public final class HostFacts {

    private final UUID userId;
    private final HostStatus status;
    private final UserType userType;
    private final boolean calendarLinked;
    private final boolean zoomLinked;
    private final boolean zoomPersonalUrlPresent;
    private final ZoneId zone;
    private final ZoneRules zoneRules;
    private final WorkRules rules;
    private final Integer opportunityCap;
    private final Integer openOpportunities;
    private final Map<LocalDate, Integer> bookedPerDay;
    private final Intervals taken;
    private final Intervals absences;
    private final Map<Long, HostDay> days = new HashMap<>();
    /** The day {@link #dayAt} answered last, and the epoch seconds [from, until) it holds for. Facts are read per request: one thread. */
    private long lastFrom = Long.MAX_VALUE;
    private long lastUntil = Long.MIN_VALUE;
    private HostDay lastDay;

    /**
     * @param zone              the schedule's zone; null when the host has no schedule (never eligible)
     * @param rules             null when the host has no schedule
     * @param openOpportunities Salesforce open opportunities of the host's address; null before any sync
     * @param bookedPerDay      Kaigi bookings per local day in {@code zone} (host_day counters; SCH-03)
     * @param taken             Kaigi bookings (with buffers) and calendar busy times
     * @param absences          the host's time off (AVL-02)
     */
    public HostFacts(UUID userId, HostStatus status, UserType userType, boolean calendarLinked, boolean zoomLinked,
                     boolean zoomPersonalUrlPresent, ZoneId zone, WorkRules rules, Integer opportunityCap,
                     Integer openOpportunities, Map<LocalDate, Integer> bookedPerDay, Intervals taken, Intervals absences) {
        this.userId = userId;
        this.status = status;
        this.userType = userType;
        this.calendarLinked = calendarLinked;
        this.zoomLinked = zoomLinked;
        this.zoomPersonalUrlPresent = zoomPersonalUrlPresent;
        this.zone = zone;
        this.zoneRules = zone == null ? null : zone.getRules();
        this.rules = zone == null ? null : rules;
        this.opportunityCap = opportunityCap;
        this.openOpportunities = openOpportunities;
        this.bookedPerDay = Map.copyOf(bookedPerDay);
        this.taken = taken;
        this.absences = absences;
    }

    /** Without time off. */
    public HostFacts(UUID userId, HostStatus status, UserType userType, boolean calendarLinked, boolean zoomLinked,
                     boolean zoomPersonalUrlPresent, ZoneId zone, WorkRules rules, Integer opportunityCap,
                     Integer openOpportunities, Map<LocalDate, Integer> bookedPerDay, Intervals taken) {
        this(userId, status, userType, calendarLinked, zoomLinked, zoomPersonalUrlPresent, zone, rules, opportunityCap,
                openOpportunities, bookedPerDay, taken, Intervals.NONE);
    }

    /**
     * A day of the host, in the host's zone: its rules (an override's, else the weekday's) and their
     * times as instants; on an organization's closed day that no override opens, {@code holiday}
     * and no working window.
     */
    public record HostDay(LocalDate date, WorkRules.Day rules, Instant open, Instant close, List<Instant[]> breaks,
                          boolean holiday) {
    }

    /**
     * The host's local day that a meeting starting at {@code start} falls on (the day its cap
     * counts on, SCH-03); null when the host has no schedule.
     */
    public HostDay dayAt(Instant start) {
        if (zone == null) {
            return null;
        }
        long second = start.getEpochSecond();
        if (second >= lastFrom && second < lastUntil) {
            return lastDay; // availability asks slot after slot: mostly the day asked just before
        }
        int offset = zoneRules.getOffset(start).getTotalSeconds();
        long epochDay = Math.floorDiv(second + offset, 86_400);
        HostDay day = days.computeIfAbsent(epochDay, d -> day(LocalDate.ofEpochDay(d)));
        // the same answer holds from here until the local day ends or the offset changes (DST), whichever is first
        long until = (epochDay + 1) * 86_400 - offset;
        ZoneOffsetTransition next = zoneRules.nextTransition(start);
        lastFrom = second;
        lastUntil = next == null ? until : Math.min(until, next.toEpochSecond());
        lastDay = day;
        return day;
    }

    private HostDay day(LocalDate date) {
        WorkRules.Day r = rules.on(date);
        if (rules.closedOn(date)) {
            return new HostDay(date, r, null, null, List.of(), true);
        }
        if (r == null || !r.enabled() || r.hours() == null) {
            return new HostDay(date, r, null, null, List.of(), false);
        }
        List<Instant[]> breaks = r.breaks().stream().map(b -> new Instant[] {at(date, b.start()), at(date, b.end())}).toList();
        return new HostDay(date, r, at(date, r.hours().start()), at(date, r.hours().end()), breaks, false);
    }

    /** A wall-clock time of the host's day; one in a DST gap moves forward by the gap. */
    private Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The local date in the host's zone that a meeting starting at {@code start} counts on (SCH-03). */
    public LocalDate dayOf(Instant start) {
        return dayAt(start).date();
    }

    public int bookedOn(LocalDate day) {
        return bookedPerDay.getOrDefault(day, 0);
    }

    public UUID userId() {
        return userId;
    }

    public HostStatus status() {
        return status;
    }

    public UserType userType() {
        return userType;
    }

    public boolean calendarLinked() {
        return calendarLinked;
    }

    public boolean zoomLinked() {
        return zoomLinked;
    }

    public boolean zoomPersonalUrlPresent() {
        return zoomPersonalUrlPresent;
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkRules rules() {
        return rules;
    }

    public Integer opportunityCap() {
        return opportunityCap;
    }

    public Integer openOpportunities() {
        return openOpportunities;
    }

    public Intervals taken() {
        return taken;
    }

    public Intervals absences() {
        return absences;
    }
}
