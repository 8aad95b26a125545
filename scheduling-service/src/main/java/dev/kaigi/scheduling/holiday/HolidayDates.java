package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.problem.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Dates and ranges of dates as the holiday endpoints take them (AVL-03). */
final class HolidayDates {

    /** The most days one read of holidays or closed days may cover: a year, leap day included. */
    static final int MAX_RANGE_DAYS = 366;
    /** Four-digit years only: {@code LocalDate} reads {@code +999999999-12-31}, which PostgreSQL cannot store. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private HolidayDates() {
    }

    /** {@code value} as a date {@code yyyy-MM-dd} from year 1 to 9999; 400 naming {@code field} otherwise. */
    static LocalDate parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "required");
        }
        String v = value.strip();
        if (ISO_DATE.matcher(v).matches()) {
            try {
                LocalDate date = LocalDate.parse(v);
                if (date.getYear() >= 1) {
                    return date;
                }
            } catch (DateTimeException e) {
                // answered below
            }
        }
        throw ProblemException.invalidField(field, "date");
    }

    /** 400 on {@code to} unless {@code from}…{@code to} runs forwards over at most {@link #MAX_RANGE_DAYS} days. */
    static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "range-reversed");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw ProblemException.invalidField("to", "range-too-long", MAX_RANGE_DAYS);
        }
    }
}
