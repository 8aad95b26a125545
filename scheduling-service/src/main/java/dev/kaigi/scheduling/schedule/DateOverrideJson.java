package dev.kaigi.scheduling.schedule;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.kaigi.scheduling.schedule.ScheduleJson.Break;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/** Bodies of the date-override endpoints (AVL-01): one date's hours, breaks and cap, as a weekday has them. */
public final class DateOverrideJson {

    private DateOverrideJson() {
    }

    @Schema(name = "DateOverrideRequest", description = "The whole of one date: enabled=false is a day off; otherwise these hours, breaks and cap replace the weekday's")
    public record DateOverrideRequest(
            @NotNull @Schema(description = "false: a day off") Boolean enabled,
            @JsonFormat(pattern = ScheduleJson.HH_MM) @Schema(type = SchemaType.STRING, example = "10:00", description = "Required when enabled") LocalTime start,
            @JsonFormat(pattern = ScheduleJson.HH_MM) @Schema(type = SchemaType.STRING, example = "15:00", description = "Required when enabled; after start") LocalTime end,
            @Size(max = 10) List<@NotNull @Valid Break> breaks,
            @Min(1) @Max(ScheduleJson.MAX_DAILY_CAP) @Schema(description = "Meetings that day (SCH-03); null = unlimited; never on a day off")
            Integer dailyCap) {

        public List<Break> breaksOrNone() {
            return breaks == null ? List.of() : breaks;
        }
    }

    @Schema(name = "DateOverride", description = "A date of the user's own zone whose rules replace its weekday's (AVL-01)")
    public record DateOverrideView(
            @Schema(required = true) LocalDate date,
            @Schema(required = true) boolean enabled,
            @JsonFormat(pattern = ScheduleJson.HH_MM) @Schema(type = SchemaType.STRING, example = "10:00") LocalTime start,
            @JsonFormat(pattern = ScheduleJson.HH_MM) @Schema(type = SchemaType.STRING, example = "15:00") LocalTime end,
            @Schema(required = true) List<Break> breaks,
            Integer dailyCap) {
    }

    @Schema(name = "DateOverrides")
    public record DateOverridesView(@Schema(required = true) List<DateOverrideView> overrides) {
    }
}
