package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.chassis.text.SingleLine;
import dev.kaigi.events.scheduling.ConferencingMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of {@code /api/v1/meeting-types} (SCH-06). */
public final class MeetingTypeJson {

    private MeetingTypeJson() {
    }

    @Schema(name = "MeetingTypeRequest", description = "The whole meeting type (PUT replaces it); fields left out take their defaults")
    public record MeetingTypeRequest(
            @NotBlank @SingleLine @Size(max = 100) @Schema(example = "Product demo") String name,
            @NotNull @Min(5) @Max(MeetingType.MAX_DURATION_MINUTES) @Schema(example = "30") Integer durationMinutes,
            @NotNull @Schema(example = "ZOOM") ConferencingMethod conferencingMethod,
            @Size(max = 200) @Schema(description = "Candidate hosts: regular users of the organization, each once, with weight 1 "
                    + "and priority 0; default none. Give either this or weightedHostPool")
            List<@NotNull UUID> hostPool,
            @Schema(description = "15, 30 or 60; default 30", example = "30") Integer slotStepMinutes,
            @Min(0) @Max(43_200) @Schema(description = "Earliest booking this long after now; default 0", example = "120") Integer minimumNoticeMinutes,
            @Min(1) @Max(365) @Schema(description = "Latest booking this many days ahead; default 60", example = "60") Integer bookingHorizonDays,
            @Min(0) @Max(MeetingType.MAX_BUFFER_MINUTES) @Schema(description = "Free time kept before each meeting; default 0") Integer bufferBeforeMinutes,
            @Min(0) @Max(MeetingType.MAX_BUFFER_MINUTES) @Schema(description = "Free time kept after each meeting; default 0") Integer bufferAfterMinutes,
            @Size(max = MeetingType.MAX_REMINDERS)
            @Schema(description = "When the lead is mailed a reminder, in minutes before the meeting, each different; default none",
                    example = "[1440, 60]")
            List<@NotNull @Min(5) @Max(MeetingType.MAX_REMINDER_MINUTES) Integer> reminderMinutesBefore,
            @Size(max = 200) @Schema(description = "Candidate hosts as hostPool, each with a weight and a priority in the fair choice "
                    + "(AVL-05); give either this or hostPool")
            List<@Valid @NotNull PoolHost> weightedHostPool) {
    }

    /**
     * A host of a pool with their place in the fair choice (AVL-05): over a rolling period each host's share of
     * the pool's meetings stays close to their weight's share of the pool's weights, within caps and eligibility.
     */
    @Schema(name = "PoolHost")
    public record PoolHost(
            @NotNull UUID userId,
            @Min(PoolShare.MIN_WEIGHT) @Max(PoolShare.MAX_WEIGHT)
            @Schema(description = "1–100; the host's target share is weight / sum of the pool's weights; default 1", example = "2")
            Integer weight,
            @Min(PoolShare.MIN_PRIORITY) @Max(PoolShare.MAX_PRIORITY)
            @Schema(description = "-100–100; higher is preferred, only between hosts the weights leave tied; default 0", example = "0")
            Integer priority) {
    }

    @Schema(name = "MeetingType")
    public record MeetingTypeView(UUID id, String name, int durationMinutes, ConferencingMethod conferencingMethod,
                                  @Schema(description = "The pool's hosts in order") List<UUID> hostPool,
                                  int slotStepMinutes, int minimumNoticeMinutes,
                                  int bookingHorizonDays, int bufferBeforeMinutes, int bufferAfterMinutes,
                                  @Schema(description = "When the lead is mailed a reminder, in minutes before the meeting, ascending")
                                  List<Integer> reminderMinutesBefore,
                                  @Schema(description = "Names the type on public booking pages; random and unguessable")
                                  String publicBookingId, Instant createdAt, long version,
                                  @Schema(description = "The pool's hosts in order, each with their weight and priority (AVL-05)")
                                  List<PoolHost> weightedHostPool) {

        static MeetingTypeView of(MeetingType t, Map<UUID, PoolShare> pool) {
            List<PoolHost> weighted = pool.entrySet().stream()
                    .map(e -> new PoolHost(e.getKey(), e.getValue().weight(), e.getValue().priority())).toList();
            return new MeetingTypeView(t.id, t.name, t.durationMinutes, t.conferencingMethod, List.copyOf(pool.keySet()),
                    t.slotStepMinutes, t.minimumNoticeMinutes, t.bookingHorizonDays, t.bufferBeforeMinutes, t.bufferAfterMinutes,
                    Arrays.stream(t.reminderMinutesBefore).boxed().toList(), t.publicBookingId, t.createdAt, t.version, weighted);
        }
    }

    @Schema(name = "MeetingTypePage")
    public record MeetingTypePage(List<MeetingTypeView> items, int page, int size, long totalItems, long totalPages) {
    }
}
