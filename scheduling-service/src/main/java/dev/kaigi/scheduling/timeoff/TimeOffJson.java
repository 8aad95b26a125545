package dev.kaigi.scheduling.timeoff;

import dev.kaigi.events.Nullable;
import dev.kaigi.scheduling.booking.HostDeparture.Outcome;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Bodies of the time-off endpoints (AVL-02). */
public final class TimeOffJson {

    private TimeOffJson() {
    }

    @Schema(name = "TimeOffRequest", description = "An absence from start to end, wall-clock times in timeZone")
    public record TimeOffRequest(
            @NotNull @Schema(example = "2026-12-25T13:00:00", description = "Local date-time, no offset") LocalDateTime start,
            @NotNull @Schema(example = "2026-12-26T00:00:00", description = "Local date-time, after start; at most 366 days later") LocalDateTime end,
            @Size(max = 64) @Schema(example = "Asia/Tokyo", description = "IANA zone of start and end; the user's schedule zone when left out") String timeZone,
            @Size(max = 500) String note) {
    }

    @Schema(name = "TimeOff")
    public record TimeOffView(
            @Schema(required = true) UUID id,
            @Schema(required = true) UUID userId,
            @Schema(required = true, description = "In timeZone, with offset") OffsetDateTime start,
            @Schema(required = true, description = "In timeZone, with offset") OffsetDateTime end,
            @Schema(required = true) String timeZone,
            String note,
            @Schema(required = true, description = "Whether the meetings inside it have been handed over or cancelled (MTG-05)") boolean settled) {
    }

    @Schema(name = "TimeOffList")
    public record TimeOffListView(@Schema(required = true) List<TimeOffView> timeOff) {
    }

    @Schema(name = "TimeOffMeeting", description = "A meeting that was inside the absence, and what became of it (MTG-05)")
    public record MeetingOutcome(@Schema(required = true) UUID bookingId,
                                 @Schema(required = true) Outcome outcome,
                                 @Schema(description = "The host who has it now; none when cancelled") @Nullable UUID hostUserId) {
    }

    @Schema(name = "TimeOffCreated")
    public record TimeOffCreated(@Schema(required = true) TimeOffView timeOff,
                                 @Schema(required = true) List<MeetingOutcome> meetings) {
    }
}
