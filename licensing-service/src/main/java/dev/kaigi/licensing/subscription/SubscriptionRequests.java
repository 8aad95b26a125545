package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.Plan;
import dev.kaigi.events.licensing.SeatPool;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of {@code /api/v1/subscription}. */
public final class SubscriptionRequests {

    private SubscriptionRequests() {
    }

    @Schema(name = "PurchaseSeatsRequest", description = "Buy more seats of one licence type")
    public record PurchaseSeats(
            @NotNull @Schema(example = "REGULAR") SeatPool pool,
            @NotNull @Min(1) @Max(100_000) @Schema(example = "10", minimum = "1", maximum = "100000") Integer quantity) {
    }

    @Schema(name = "SetSeatsRequest", description = "Set the number of purchased seats; a reduction stops at the assigned count")
    public record SetSeats(
            @NotNull @Min(0) @Max(1_000_000) @Schema(example = "25") Integer purchased) {
    }

    @Schema(name = "ChangePlanRequest")
    public record ChangePlan(@NotNull @Schema(example = "PROFESSIONAL") Plan plan) {
    }

    @Schema(name = "TeamLicencesRequest", description = "Switch team-user licences on (STANDARD and above) or off")
    public record TeamLicences(@NotNull @Schema(example = "true") Boolean enabled) {
    }
}
