package dev.kaigi.scheduling.distribution;

import dev.kaigi.events.Nullable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The body of {@code GET /api/v1/meeting-types/{id}/distribution} (AVL-06). */
public final class DistributionJson {

    private DistributionJson() {
    }

    @Schema(name = "HostDistribution", description = "One host's part of the pool's meetings in the period")
    public record HostDistribution(
            UUID hostUserId,
            String lastName,
            String firstName,
            @Schema(description = "Whether the host is in the pool now; a host who left it shows while they held or were passed "
                    + "over for meetings in the period")
            boolean inPool,
            @Schema(description = "The host's weight in the pool (AVL-05); null for a host who left it") @Nullable Integer weight,
            @Schema(description = "The host's priority in the pool; null for a host who left it") @Nullable Integer priority,
            @Schema(description = "The pool's meetings starting in the period that the host holds (cancelled ones do not count)")
            long meetings,
            @Schema(description = "meetings / the pool's meetings in the period, 0 to 1, four decimals") double share,
            @Schema(description = "weight / the sum of the pool's weights, 0 to 1, four decimals; 0 for a host who left the pool")
            double targetShare,
            @Schema(description = "Of the period's meetings, how many the host could not take when its host was chosen, by "
                    + "eligibility reason (the codes of a booking's 409), every reason listed")
            Map<String, Long> passedOver) {
    }

    @Schema(name = "Distribution", description = "How a meeting type's meetings in a period went to the hosts of its pool (AVL-06)")
    public record DistributionView(
            UUID meetingTypeId,
            @Schema(description = "Meetings starting at or after this instant") Instant from,
            @Schema(description = "... and before this one") Instant to,
            @Schema(description = "The pool's meetings starting in the period") long totalMeetings,
            @Schema(description = "The pool's hosts in pool order, then hosts who left it by meetings, most first") List<HostDistribution> items,
            int page, int size, long totalItems, long totalPages) {
    }
}
