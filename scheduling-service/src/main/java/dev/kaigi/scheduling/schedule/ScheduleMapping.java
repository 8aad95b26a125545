package dev.kaigi.scheduling.schedule;

import dev.kaigi.scheduling.schedule.ScheduleJson.Break;
import dev.kaigi.scheduling.schedule.ScheduleJson.Weekday;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Between the persistent schedule and its JSON weekdays; also the system defaults (SCH-05). */
final class ScheduleMapping {

    static final String FALLBACK_ZONE = "Asia/Tokyo";

    private ScheduleMapping() {
    }

    /** The schedule's seven weekdays, Monday first. */
    static List<Weekday> weekdays(WorkSchedule s) {
        return s.week().stream().map(d -> new Weekday(d.weekday, d.enabled, d.start, d.end,
                s.breaks(d.weekday).stream().map(b -> new Break(b.start, b.end)).toList(), d.dailyCap)).toList();
    }

    /** Replaces the schedule's weekdays with {@code weekdays} (already valid). */
    static void setWeekdays(WorkSchedule s, List<Weekday> weekdays) {
        s.days.clear();
        s.breaks.clear();
        for (Weekday w : weekdays) {
            s.days.add(new WorkDay(w.day(), w.enabled(), w.start(), w.end(), w.dailyCap()));
            w.breaksOrNone().forEach(b -> s.breaks.add(new WorkBreak(w.day(), b.start(), b.end())));
        }
    }

    /** SCH-05: Monday to Friday 09:00–18:00 with a 12:00–13:00 break, no caps; the weekend off. */
    static List<Weekday> systemDefaultWeek() {
        List<Weekday> week = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getValue() <= DayOfWeek.FRIDAY.getValue()) {
                week.add(new Weekday(day, true, LocalTime.of(9, 0), LocalTime.of(18, 0),
                        List.of(new Break(LocalTime.of(12, 0), LocalTime.of(13, 0))), null));
            } else {
                week.add(new Weekday(day, false, null, null, List.of(), null));
            }
        }
        return week;
    }
}
