package dev.kaigi.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What departs from the weekly schedules in the availability benchmark's pool, as an organization
 * using Kaigi for a year would have it: each host's date overrides (AVL-01) and time off (AVL-02),
 * and the organization's holiday calendar {@code JP} with closed days of its own (AVL-03). Planned
 * here from the host's index and the dates alone, written straight into the tables, and kept, so
 * that the benchmark can say which slots an answer must show.
 * <p>
 * Inside the 14-day range every host has a day off and a day of other hours (13:00–20:00 with a
 * break 16:30–17:00) on weekdays, every fifth host works the range's first Saturday (10:00–15:00,
 * break 12:00–12:30), every host is away 10:30–15:00 on a third weekday and every third host from
 * 15:00 on a fourth weekday to 12:00 two days later; the organization closes the range's second
 * and seventh weekdays, on which no override opens anything. Outside the range, what the service
 * still reads or skips by its indexes: 12 past and 15 future overrides per host (27 of the about
 * 30 a host has over a year), 6 past and 4 future absences, and 5 own closed days.
 */
final class AvailabilityExceptions {

    /** Other hours of a date, with one break; {@code enabled == false}: a day off. */
    record Override(LocalDate day, boolean enabled, LocalTime start, LocalTime end, LocalTime breakStart, LocalTime breakEnd) {

        static Override dayOff(LocalDate day) {
            return new Override(day, false, null, null, null, null);
        }

        static Override hours(LocalDate day, String start, String end, String breakStart, String breakEnd) {
            return new Override(day, true, LocalTime.parse(start), LocalTime.parse(end), LocalTime.parse(breakStart),
                    LocalTime.parse(breakEnd));
        }
    }

    record Absence(ZonedDateTime from, ZonedDateTime to) {
    }

    static final String CALENDAR = "JP";

    private final ZoneId zone;
    private final LocalDate from;
    private final LocalDate to;
    private final List<Map<LocalDate, Override>> overrides = new ArrayList<>();
    private final List<List<Absence>> absences = new ArrayList<>();
    private final Set<LocalDate> ownClosedInRange = new LinkedHashSet<>();
    private final Set<LocalDate> ownClosed = new LinkedHashSet<>();

    /** The plan for {@code hosts} hosts and the range {@code from}–{@code to} (14 days, from tomorrow), in {@code zone}. */
    AvailabilityExceptions(int hosts, LocalDate from, LocalDate to, ZoneId zone) {
        this.zone = zone;
        this.from = from;
        this.to = to;
        List<LocalDate> weekdays = new ArrayList<>();
        LocalDate saturday = null;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY && saturday == null) {
                saturday = d;
            } else if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                weekdays.add(d);
            }
        }
        ownClosedInRange.add(weekdays.get(1));
        ownClosedInRange.add(weekdays.get(6));
        ownClosed.addAll(ownClosedInRange);
        for (int days : new int[] {-60, -30}) {
            ownClosed.add(from.plusDays(days));
        }
        for (int days : new int[] {20, 45, 100}) {
            ownClosed.add(to.plusDays(days));
        }
        List<LocalDate> open = weekdays.stream().filter(d -> !ownClosedInRange.contains(d)).toList();
        int n = open.size();
        for (int i = 0; i < hosts; i++) {
            Map<LocalDate, Override> o = new HashMap<>();
            for (int j = 1; j <= 12; j++) {
                LocalDate d = from.minusDays(7L * j + i % 7);
                o.put(d, j % 2 == 0 ? Override.dayOff(d) : Override.hours(d, "08:00", "15:00", "11:00", "11:30"));
            }
            for (int j = 1; j <= 15; j++) {
                LocalDate d = to.plusDays(20L * j + i % 5);
                o.put(d, j % 3 == 0 ? Override.dayOff(d) : Override.hours(d, "10:00", "19:00", "13:00", "14:00"));
            }
            LocalDate off = open.get(i % n);
            LocalDate other = open.get((i + 3) % n);
            o.put(off, Override.dayOff(off));
            o.put(other, Override.hours(other, "13:00", "20:00", "16:30", "17:00"));
            if (i % 5 == 0 && saturday != null) {
                o.put(saturday, Override.hours(saturday, "10:00", "15:00", "12:00", "12:30"));
            }
            overrides.add(o);

            List<Absence> a = new ArrayList<>();
            for (int j = 1; j <= 6; j++) {
                LocalDate d = from.minusDays(30L * j + i % 11);
                a.add(new Absence(d.atTime(9, 0).atZone(zone), d.plusDays(1).atTime(18, 0).atZone(zone)));
            }
            for (int j = 1; j <= 4; j++) {
                LocalDate d = to.plusDays(40L * j + i % 13);
                a.add(new Absence(d.atTime(13, 0).atZone(zone), d.plusDays(2).atTime(13, 0).atZone(zone)));
            }
            LocalDate hoursAway = open.get((i + 5) % n);
            a.add(new Absence(hoursAway.atTime(10, 30).atZone(zone), hoursAway.atTime(15, 0).atZone(zone)));
            if (i % 3 == 0) {
                LocalDate away = open.get((i + 1) % n);
                a.add(new Absence(away.atTime(15, 0).atZone(zone), away.plusDays(2).atTime(12, 0).atZone(zone)));
            }
            absences.add(a);
        }
    }

    /** Writes the plan for {@code hosts} (in the plan's order) of {@code org}, in one transaction. */
    void write(Connection c, UUID org, List<UUID> hosts) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement calendar = c.prepareStatement("insert into org_holiday_calendar (org_id, calendar) values (?, ?)");
             PreparedStatement closed = c.prepareStatement("insert into org_closed_day (org_id, day, name) values (?, ?, ?)");
             PreparedStatement override = c.prepareStatement("""
                     insert into date_override (org_id, user_id, day, enabled, start_time, end_time, daily_cap)
                     values (?, ?, ?, ?, ?, ?, null)""");
             PreparedStatement brk = c.prepareStatement(
                     "insert into date_override_break (org_id, user_id, day, start_time, end_time) values (?, ?, ?, ?, ?)");
             PreparedStatement away = c.prepareStatement("""
                     insert into time_off (id, org_id, user_id, starts_at, ends_at, time_zone, note, created_at, settled_at)
                     values (?, ?, ?, ?, ?, ?, 'bench', now(), now())""")) {
            calendar.setObject(1, org);
            calendar.setString(2, CALENDAR);
            calendar.executeUpdate();
            for (LocalDate d : ownClosed) {
                closed.setObject(1, org);
                closed.setObject(2, d);
                closed.setString(3, "Bench closed day");
                closed.addBatch();
            }
            closed.executeBatch();
            for (int i = 0; i < hosts.size(); i++) {
                UUID user = hosts.get(i);
                for (Override o : overrides.get(i).values()) {
                    override.setObject(1, org);
                    override.setObject(2, user);
                    override.setObject(3, o.day());
                    override.setBoolean(4, o.enabled());
                    override.setObject(5, o.start());
                    override.setObject(6, o.end());
                    override.addBatch();
                    if (o.enabled()) {
                        brk.setObject(1, org);
                        brk.setObject(2, user);
                        brk.setObject(3, o.day());
                        brk.setObject(4, o.breakStart());
                        brk.setObject(5, o.breakEnd());
                        brk.addBatch();
                    }
                }
                for (Absence a : absences.get(i)) {
                    away.setObject(1, UUID.randomUUID());
                    away.setObject(2, org);
                    away.setObject(3, user);
                    away.setObject(4, a.from().toOffsetDateTime());
                    away.setObject(5, a.to().toOffsetDateTime());
                    away.setString(6, zone.getId());
                    away.addBatch();
                }
            }
            override.executeBatch();
            brk.executeBatch();
            away.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The organization's own closed days inside the range. */
    Set<LocalDate> ownClosedInRange() {
        return ownClosedInRange;
    }

    /** The organization's own closed days, inside the range and out. */
    Set<LocalDate> ownClosed() {
        return ownClosed;
    }

    /** Whether host {@code i} has an override on {@code d}. */
    boolean overridden(int i, LocalDate d) {
        return overrides.get(i).containsKey(d);
    }

    /** Host {@code i}'s override of {@code d}, or null. */
    Override override(int i, LocalDate d) {
        return overrides.get(i).get(d);
    }

    /** Whether host {@code i} is away at any time of {@code start}–{@code end}. */
    boolean away(int i, ZonedDateTime start, ZonedDateTime end) {
        for (Absence a : absences.get(i)) {
            if (start.isBefore(a.to()) && end.isAfter(a.from())) {
                return true;
            }
        }
        return false;
    }

    private boolean inRange(LocalDate d) {
        return !d.isBefore(from) && !d.isAfter(to);
    }

    private boolean inRange(Absence a) {
        return a.from().toLocalDate().isBefore(to.plusDays(1)) && !a.to().toLocalDate().isBefore(from);
    }

    /** What the plan holds, for the result file. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        long overrideRows = overrides.stream().mapToLong(Map::size).sum();
        long overridesInRange = overrides.stream().flatMap(o -> o.keySet().stream()).filter(this::inRange).count();
        long absenceRows = absences.stream().mapToLong(List::size).sum();
        long absencesInRange = absences.stream().flatMap(List::stream).filter(this::inRange).count();
        m.put("holiday_calendar", CALENDAR);
        m.put("own_closed_days", ownClosed.size());
        m.put("own_closed_days_in_range", ownClosedInRange.stream().map(LocalDate::toString).toList());
        m.put("date_overrides", overrideRows);
        m.put("date_overrides_in_range", overridesInRange);
        m.put("time_off", absenceRows);
        m.put("time_off_in_range", absencesInRange);
        return m;
    }

    /** The slot's start as the service writes it, in the plan's zone. */
    ZonedDateTime at(LocalDate d, LocalTime t) {
        return d.atTime(t).atZone(zone);
    }
}
