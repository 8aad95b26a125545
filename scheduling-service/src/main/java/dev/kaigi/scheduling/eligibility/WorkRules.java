package dev.kaigi.scheduling.eligibility;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A host's weekly rules as eligibility reads them (SCH-01, SCH-02): per weekday, enabled or not,
 * the working window, the breaks and the daily cap (null = unlimited).
 */
public record WorkRules(Map<DayOfWeek, Day> week) {

    public record Window(LocalTime start, LocalTime end) {
    }

    public record Day(boolean enabled, Window hours, List<Window> breaks, Integer dailyCap) {
    }

    public Day day(DayOfWeek weekday) {
        return week.get(weekday);
    }
}
