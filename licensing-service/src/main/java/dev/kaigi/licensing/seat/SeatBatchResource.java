package dev.kaigi.licensing.seat;

import dev.kaigi.events.licensing.SeatPool;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/internal/organizations/{orgId}/seat-batches}: seats for many users in one call,
 * for user-service's CSV import (BLK-01, BLK-03). Service accounts only.
 */
@Path("/api/v1/internal/organizations/{orgId}/seat-batches")
@Tag(name = "Seat API for user-service", description = "Seats taken and given back as users join and leave; service tokens only")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SeatBatchResource {

    @Inject
    SeatPermissions permissions;
    @Inject
    SeatBatchService batches;

    @Schema(name = "SeatBatchRequest")
    public record TakeSeats(@NotNull @Schema(example = "REGULAR") SeatPool pool,
                            @NotEmpty @Size(max = 1000) List<@NotNull UUID> userIds) {
    }

    @Schema(name = "SeatBatchResult")
    public record TakenSeats(@Schema(description = "Users who hold a seat of the pool now, in request order") List<UUID> taken,
                             @Schema(description = "Users past the last free seat (or holding the other licence type)") List<UUID> refused) {
    }

    @Schema(name = "SeatBatchReturnRequest")
    public record ReturnSeats(@NotEmpty @Size(max = 1000) List<@NotNull UUID> userIds) {
    }

    @POST
    @Operation(summary = "Take seats for many users",
            description = "Serves the users in the order given while seats are free; the rest are refused. Idempotent: users already holding a seat of the pool count as taken.")
    @APIResponse(responseCode = "200", description = "Who got a seat and who did not")
    @APIResponse(responseCode = "403", description = "Not a service account")
    @APIResponse(responseCode = "409", description = "team-licences-disabled or team-licences-unavailable-on-plan (TEAM pool)")
    public TakenSeats take(@PathParam("orgId") UUID orgId, @Valid @NotNull TakeSeats request) {
        permissions.requireTakeForUsers();
        SeatBatchService.BatchResult result = batches.take(orgId, request.pool(), request.userIds());
        return new TakenSeats(result.taken(), result.refused());
    }

    @POST
    @Path("/return")
    @Operation(summary = "Give many seats back",
            description = "For user-service to undo a batch it could not commit. Idempotent.")
    @APIResponse(responseCode = "204", description = "The users hold no seat now")
    @APIResponse(responseCode = "403", description = "Not a service account")
    public void giveBack(@PathParam("orgId") UUID orgId, @Valid @NotNull ReturnSeats request) {
        permissions.requireTakeForUsers();
        batches.giveBack(orgId, request.userIds());
    }
}
