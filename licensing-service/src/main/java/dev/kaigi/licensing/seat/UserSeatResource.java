package dev.kaigi.licensing.seat;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.licensing.SeatReleaseReason;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code /api/v1/internal/organizations/{orgId}/users/{userId}/seat}: the seat API user-service
 * calls when it adds, activates or converts a user (LIC-04). Service accounts only; they have no
 * tenant of their own, so the organization is named in the path.
 */
@Path("/api/v1/internal/organizations/{orgId}/users/{userId}/seat")
@Tag(name = "Seat API for user-service", description = "Seats taken and given back as users join and leave; service tokens only")
@Produces(MediaType.APPLICATION_JSON)
public class UserSeatResource {

    @Inject
    SeatPermissions permissions;
    @Inject
    SeatService seats;

    /** The licence type to hold. */
    @Schema(name = "TakeSeatRequest")
    public record TakeSeat(@NotNull @Schema(example = "REGULAR") SeatPool pool) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a seat for a user",
            description = "Idempotent on the user: a retry returns the seat already held and never takes two. A user holding the other licence type moves to this one (conversion, LIF-04).")
    @APIResponse(responseCode = "200", description = "The seat the user holds",
            content = @Content(schema = @Schema(implementation = SeatAssignmentResponse.class)))
    @APIResponse(responseCode = "403", description = "Not a service account")
    @APIResponse(responseCode = "409", description = "seat-unavailable, team-licences-disabled or team-licences-unavailable-on-plan")
    public SeatAssignmentResponse take(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId,
                                       @Valid @NotNull TakeSeat request) {
        permissions.requireTakeForUsers();
        return seats.takeForUser(orgId, userId, request.pool());
    }

    @GET
    @Operation(summary = "The seat a user holds")
    @APIResponse(responseCode = "200", description = "The seat",
            content = @Content(schema = @Schema(implementation = SeatAssignmentResponse.class)))
    @APIResponse(responseCode = "403", description = "Not a service account")
    @APIResponse(responseCode = "404", description = "The user holds no seat")
    public SeatAssignmentResponse get(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId) {
        permissions.requireTakeForUsers();
        return seats.heldBy(orgId, userId).orElseThrow(() -> ProblemException.notFound("seat"));
    }

    @DELETE
    @Operation(summary = "Give a seat back",
            description = "For user-service to undo a seat it took for an operation that then failed. Idempotent: 204 whether or not a seat was held.")
    @APIResponse(responseCode = "204", description = "The user holds no seat now")
    @APIResponse(responseCode = "403", description = "Not a service account")
    public void release(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId) {
        permissions.requireTakeForUsers();
        seats.releaseForUser(orgId, userId, SeatReleaseReason.RETURNED_BY_USER_SERVICE);
    }
}
