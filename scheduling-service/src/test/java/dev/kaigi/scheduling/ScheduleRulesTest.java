package dev.kaigi.scheduling;

import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.schedule.ScheduleJson.Break;
import dev.kaigi.scheduling.schedule.ScheduleJson.Weekday;
import dev.kaigi.scheduling.schedule.ScheduleRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule rules as a pure function (SCH-01, SCH-02): exact fields and codes, edges included. */
class ScheduleRulesTest {

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    private static Break b(String start, String end) {
        return new Break(t(start), t(end));
    }

    /** A valid week whose Monday is {@code monday}. */
    private static List<Weekday> weekWith(Weekday monday) {
        List<Weekday> week = new ArrayList<>(List.of(monday));
        for (DayOfWeek d : List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY,
                DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)) {
            week.add(new Weekday(d, false, null, null, List.of(), null));
        }
        return week;
    }

    private static List<String> check(Weekday monday) {
        return ScheduleRules.check("Asia/Tokyo", weekWith(monday), "").stream()
                .map(v -> v.field() + ":" + v.code()).toList();
    }

    @Test
    @DisplayName("SCH-01: breaks may touch the window's edges and each other; valid weeks give no violation")
    void edgesAreInside() {
        assertEquals(List.of(), check(new Weekday(DayOfWeek.MONDAY, true, t("09:00"), t("18:00"),
                List.of(b("13:00", "14:00"), b("09:00", "10:00"), b("17:00", "18:00"), b("12:00", "13:00")), 5)));
    }

    @Test
    @DisplayName("SCH-01: overlap is found between any two breaks, whatever order they were sent in")
    void overlapsInAnyOrder() {
        assertEquals(List.of("weekdays[0].breaks[0]:breaks-overlap"), check(new Weekday(DayOfWeek.MONDAY, true,
                t("09:00"), t("18:00"), List.of(b("12:30", "13:30"), b("12:00", "13:00")), null)));
        // a long break overlaps two later short ones that do not overlap each other
        assertEquals(List.of("weekdays[0].breaks[1]:breaks-overlap", "weekdays[0].breaks[2]:breaks-overlap"),
                check(new Weekday(DayOfWeek.MONDAY, true, t("09:00"), t("18:00"),
                        List.of(b("10:00", "16:00"), b("11:00", "11:30"), b("12:00", "12:30")), null)));
    }

    @Test
    @DisplayName("SCH-01: a break outside the window, ending before it starts, or on a day without hours is named")
    void breakProblems() {
        assertEquals(List.of("weekdays[0].breaks[0]:break-outside-window"), check(new Weekday(DayOfWeek.MONDAY, true,
                t("09:00"), t("18:00"), List.of(b("08:30", "09:30")), null)));
        assertEquals(List.of("weekdays[0].breaks[0].end:end-not-after-start"), check(new Weekday(DayOfWeek.MONDAY, true,
                t("09:00"), t("18:00"), List.of(b("12:00", "12:00")), null)));
        assertEquals(List.of("weekdays[0].breaks[0]:break-outside-window"), check(new Weekday(DayOfWeek.MONDAY, false,
                null, null, List.of(b("12:00", "13:00")), null)));
    }

    @Test
    @DisplayName("SCH-01, SCH-02: windows need both ends, end after start; caps never on a disabled day")
    void windowsAndCaps() {
        assertEquals(List.of("weekdays[0].end:end-not-after-start"),
                check(new Weekday(DayOfWeek.MONDAY, true, t("18:00"), t("18:00"), List.of(), null)));
        assertEquals(List.of("weekdays[0].end:required"),
                check(new Weekday(DayOfWeek.MONDAY, false, t("09:00"), null, List.of(), null)));
        assertEquals(List.of("weekdays[0].start:required"),
                check(new Weekday(DayOfWeek.MONDAY, true, null, null, List.of(), null)));
        assertEquals(List.of("weekdays[0].dailyCap:cap-on-disabled-day"),
                check(new Weekday(DayOfWeek.MONDAY, false, t("09:00"), t("18:00"), List.of(), 1)));
        assertEquals(List.of(), check(new Weekday(DayOfWeek.MONDAY, false, t("09:00"), t("18:00"), List.of(), null)));
    }

    @Test
    @DisplayName("SCH-01: IANA zones only; a weekday twice is named; the prefix places fields under a target")
    void zonesDaysAndPrefix() {
        assertTrue(Params.isZone("America/New_York"));
        assertTrue(Params.isZone("Asia/Kolkata"));
        assertFalse(Params.isZone("+09:00"));
        assertFalse(Params.isZone("JST"));
        assertFalse(Params.isZone("asia/tokyo"));
        List<Weekday> week = weekWith(new Weekday(DayOfWeek.MONDAY, true, t("09:00"), t("18:00"), List.of(), null));
        week.set(6, new Weekday(DayOfWeek.MONDAY, false, null, null, List.of(), 2));
        List<FieldViolation> found = ScheduleRules.check("Mars/Base", week, "targetUserIds[3].");
        assertEquals(List.of("targetUserIds[3].timeZone:time-zone", "targetUserIds[3].weekdays[6].day:duplicate-day",
                        "targetUserIds[3].weekdays[6].dailyCap:cap-on-disabled-day"),
                found.stream().map(v -> v.field() + ":" + v.code()).toList());
    }
}
