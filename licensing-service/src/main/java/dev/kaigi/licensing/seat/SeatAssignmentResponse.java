package dev.kaigi.licensing.seat;

import dev.kaigi.events.Nullable;
import dev.kaigi.events.licensing.SeatPool;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A seat held by a user, as the API shows it. */
@Schema(name = "SeatAssignment")
public record SeatAssignmentResponse(
        @Schema(example = "0b7e4c1a-9f5d-4e2b-8c3a-1d2e3f4a5b6c") UUID id,
        @Schema(example = "3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f") UUID userId,
        @Schema(example = "REGULAR") SeatPool pool,
        Instant assignedAt,
        @Schema(description = "The owner who assigned it; absent when user-service took it") @Nullable UUID assignedBy) {

    static SeatAssignmentResponse of(SeatAssignment a) {
        return new SeatAssignmentResponse(a.id, a.userId, a.pool, a.assignedAt, a.assignedBy);
    }
}
