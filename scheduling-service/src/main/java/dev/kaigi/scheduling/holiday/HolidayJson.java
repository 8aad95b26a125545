package dev.kaigi.scheduling.holiday;

import dev.kaigi.events.Nullable;
import dev.kaigi.chassis.text.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Request and response bodies of the holiday endpoints (AVL-03). */
public final class HolidayJson {

    /** The longest name of an organization's own closed day, as for other names. */
    public static final int MAX_NAME_LENGTH = 100;

    private HolidayJson() {
    }

    @Schema(name = "HolidayCalendar", description = "A holiday calendar an organization may choose")
    public record HolidayCalendarView(@Schema(example = "JP") String id,
                                      @Schema(description = "In Japanese or English, by Accept-Language", example = "Japan's national holidays")
                                      String name,
                                      @Schema(description = "The first year it covers", example = "1970") int firstYear,
                                      @Schema(description = "The last year it covers; later days are no holidays", example = "2050")
                                      int lastYear) {
    }

    @Schema(name = "HolidayCalendarList")
    public record HolidayCalendarList(List<HolidayCalendarView> items) {
    }

    @Schema(name = "HolidaySettingsRequest", description = "The organization's holiday calendar; null or left out: none")
    public record HolidaySettingsRequest(@Schema(description = "The id of a calendar of /api/v1/holiday-calendars", example = "JP") String calendar) {
    }

    @Schema(name = "HolidaySettings")
    public record HolidaySettingsView(@Schema(required = true, description = "The chosen calendar's id; null: none", example = "JP")
                                      String calendar) {
    }

    @Schema(name = "ClosedDayRequest", description = "A day the organization is closed besides its calendar's holidays")
    public record ClosedDayRequest(@NotBlank @SingleLine @Size(max = MAX_NAME_LENGTH) @Schema(example = "年末年始休業") String name) {
    }

    @Schema(name = "ClosedDay")
    public record ClosedDayView(@Schema(example = "2026-12-29") LocalDate date, @Schema(example = "年末年始休業") String name) {
    }

    @Schema(name = "ClosedDayList")
    public record ClosedDayList(List<ClosedDayView> items) {
    }

    @Schema(name = "Holiday", description = "A day the organization is closed")
    public record HolidayView(@Schema(example = "2026-05-06") LocalDate date,
                              @Schema(description = "The calendar's name in Japanese or English by Accept-Language, or the "
                                      + "organization's own", example = "Holiday in lieu") String name,
                              @Schema(description = "calendar: a holiday of the organization's calendar; organization: one of "
                                      + "its own closed days (which wins where both fall on a date)",
                                      enumeration = {"calendar", "organization"}) String source) {
    }

    @Schema(name = "HolidayList")
    public record HolidayList(@Schema(description = "The organization's calendar; null: none") @Nullable String calendar,
                              List<HolidayView> items) {
    }
}
