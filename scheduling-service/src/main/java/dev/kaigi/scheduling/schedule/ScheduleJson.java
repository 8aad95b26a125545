package dev.kaigi.scheduling.schedule;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the work-schedule endpoints (SCH-01, SCH-02, SCH-04, SCH-05). */
public final class ScheduleJson {

    public static final int MAX_DAILY_CAP = 999;
    public static final int MAX_OPPORTUNITY_CAP = 100_000;
    /** Times of day are whole minutes, written and read as {@code HH:mm}. */
    public static final String HH_MM = "HH:mm";

    private ScheduleJson() {
    }

    @Schema(name = "WorkBreak", description = "A break inside the weekday's working window; breaks never overlap")
    public record Break(@NotNull @JsonFormat(pattern = HH_MM) @Schema(type = SchemaType.STRING, example = "12:00") LocalTime start,
                        @NotNull @JsonFormat(pattern = HH_MM) @Schema(type = SchemaType.STRING, example = "13:00") LocalTime end) {
    }

    @Schema(name = "WorkWeekday", description = "One weekday: enabled, working window (end after start), breaks, daily meeting cap")
    public record Weekday(
            @NotNull @Schema(example = "MONDAY") DayOfWeek day,
            @NotNull Boolean enabled,
            @JsonFormat(pattern = HH_MM) @Schema(type = SchemaType.STRING, example = "09:00", description = "Required when enabled") LocalTime start,
            @JsonFormat(pattern = HH_MM) @Schema(type = SchemaType.STRING, example = "18:00", description = "Required when enabled; after start") LocalTime end,
            @Size(max = 10) List<@NotNull @Valid Break> breaks,
            @Min(1) @Max(MAX_DAILY_CAP) @Schema(description = "Meetings per day, counted across meeting types in the host's zone (SCH-02, SCH-03); null = unlimited; never on a disabled day")
            Integer dailyCap) {

        public List<Break> breaksOrNone() {
            return breaks == null ? List.of() : breaks;
        }
    }

    @Schema(name = "WorkScheduleRequest", description = "The whole schedule (PUT replaces it)")
    public record WorkScheduleRequest(
            @NotBlank @Size(max = 64) @Schema(example = "Asia/Tokyo", description = "IANA time zone") String timeZone,
            @NotNull @Size(min = 7, max = 7) @Schema(description = "Each weekday exactly once") List<@NotNull @Valid Weekday> weekdays,
            @Min(1) @Max(MAX_OPPORTUNITY_CAP) @Schema(description = "Salesforce open-opportunity cap (SCH-04); null = none")
            Integer opportunityCap) {
    }

    @Schema(name = "WorkSchedule")
    public record WorkScheduleView(UUID userId, String timeZone, List<Weekday> weekdays, Integer opportunityCap, long version) {
        public static WorkScheduleView of(WorkSchedule s) {
            return new WorkScheduleView(s.userId, s.timeZone, ScheduleMapping.weekdays(s), s.opportunityCap, s.version);
        }
    }

    @Schema(name = "DefaultWorkSchedule", description = "The organization's default schedule; configured=false shows the system defaults new users get instead (SCH-05)")
    public record DefaultWorkScheduleView(boolean configured, String timeZone, List<Weekday> weekdays, Integer opportunityCap) {
    }
}
