package dev.kaigi.scheduling.eligibility;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A host's rules as eligibility reads them: per weekday, enabled or not, the working window, the
 * breaks and the daily cap (SCH-01, SCH-02; cap null = unlimited); per date, the overrides that
 * replace the weekday's rules (AVL-01); and the organization's closed days (AVL-03), on which
 * nobody works unless an override opens the day.
 *
 * @param overrides by the host's local date
 * @param closed    whether the organization is closed on a local date
 */
public record WorkRules(Map<DayOfWeek, Day> week, Map<LocalDate, Day> overrides, Predicate<LocalDate> closed) {

    /** No overrides, never closed. */
    public static final Predicate<LocalDate> NEVER_CLOSED = date -> false;

    public record Window(LocalTime start, LocalTime end) {
    }

    public record Day(boolean enabled, Window hours, List<Window> breaks, Integer dailyCap) {
    }

    /** The weekly rules alone. */
    public WorkRules(Map<DayOfWeek, Day> week) {
        this(week, Map.of(), NEVER_CLOSED);
    }

    public Day day(DayOfWeek weekday) {
        return week.get(weekday);
    }

    /** The rules of a date: its override, else its weekday's (null when neither is set). */
    public Day on(LocalDate date) {
        Day override = overrides.get(date);
        return override != null ? override : week.get(date.getDayOfWeek());
    }

    /** AVL-03: whether the date is an organization's closed day that no override of the host opens. */
    public boolean closedOn(LocalDate date) {
        return !overrides.containsKey(date) && closed.test(date);
    }
}
