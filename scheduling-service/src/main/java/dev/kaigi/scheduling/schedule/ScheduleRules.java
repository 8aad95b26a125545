package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.schedule.ScheduleJson.Break;
import dev.kaigi.scheduling.schedule.ScheduleJson.Weekday;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What makes a schedule valid (SCH-01, SCH-02, SCH-05), as a pure function: the offending fields,
 * named by their JSON path under {@code prefix} (e.g. {@code weekdays[2].dailyCap}), each with a
 * stable reason code whose text is {@code field.<code>} in the problem bundles. Empty = valid.
 * Shape rules (types, 1 ≤ cap ≤ max, seven entries) are bean validation's, before this runs.
 */
public final class ScheduleRules {

    private ScheduleRules() {
    }

    public static List<FieldViolation> check(String timeZone, List<Weekday> weekdays, String prefix) {
        List<FieldViolation> found = new ArrayList<>();
        if (timeZone != null && !Params.isZone(timeZone)) {
            found.add(violation(prefix + "timeZone", "time-zone"));
        }
        Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < weekdays.size(); i++) {
            Weekday w = weekdays.get(i);
            String at = prefix + "weekdays[" + i + "].";
            if (!seen.add(w.day())) {
                found.add(violation(at + "day", "duplicate-day"));
            }
            checkDay(w, at, found);
        }
        return found;
    }

    /** AVL-01: a date override holds what a weekday would (window, breaks, cap on an enabled day only). */
    public static List<FieldViolation> checkOverride(Weekday day) {
        List<FieldViolation> found = new ArrayList<>();
        checkDay(day, "", found);
        return found;
    }

    private static void checkDay(Weekday w, String at, List<FieldViolation> found) {
        boolean enabled = Boolean.TRUE.equals(w.enabled());
        if (!enabled && w.dailyCap() != null) {
            found.add(violation(at + "dailyCap", "cap-on-disabled-day")); // SCH-02
        }
        boolean windowValid = checkWindow(w, at, enabled, found);
        List<Break> breaks = w.breaksOrNone();
        for (int j = 0; j < breaks.size(); j++) {
            Break b = breaks.get(j);
            String bAt = at + "breaks[" + j + "]";
            if (!b.end().isAfter(b.start())) {
                found.add(violation(bAt + ".end", "end-not-after-start"));
            } else if (!wholeMinutes(b.start()) || !wholeMinutes(b.end())) {
                found.add(violation(bAt, "whole-minutes"));
            } else if (!windowValid || b.start().isBefore(w.start()) || b.end().isAfter(w.end())) {
                found.add(violation(bAt, "break-outside-window"));
            }
        }
        // a break overlapping any earlier-starting one is named (by its index as sent)
        List<Integer> byStart = IntStream.range(0, breaks.size()).boxed()
                .filter(j -> breaks.get(j).end().isAfter(breaks.get(j).start()))
                .sorted(Comparator.comparing(j -> breaks.get(j).start())).toList();
        LocalTime latestEnd = LocalTime.MIN;
        for (int j : byStart) {
            if (breaks.get(j).start().isBefore(latestEnd)) {
                found.add(violation(at + "breaks[" + j + "]", "breaks-overlap"));
            }
            latestEnd = breaks.get(j).end().isAfter(latestEnd) ? breaks.get(j).end() : latestEnd;
        }
    }

    /** Whether the window is there and sound; names what is wrong with it. */
    private static boolean checkWindow(Weekday w, String at, boolean enabled, List<FieldViolation> found) {
        if (w.start() == null || w.end() == null) {
            if (enabled || w.start() != null || w.end() != null) {
                found.add(violation(at + (w.start() == null ? "start" : "end"), "required"));
            }
            return false;
        }
        if (!w.end().isAfter(w.start())) {
            found.add(violation(at + "end", "end-not-after-start"));
            return false;
        }
        if (!wholeMinutes(w.start()) || !wholeMinutes(w.end())) {
            found.add(violation(at + (wholeMinutes(w.start()) ? "end" : "start"), "whole-minutes"));
            return false;
        }
        return true;
    }

    private static boolean wholeMinutes(LocalTime t) {
        return t.getSecond() == 0 && t.getNano() == 0;
    }

    private static FieldViolation violation(String field, String code) {
        return new FieldViolation(field, code, null);
    }
}
