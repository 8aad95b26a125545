package dev.kaigi.licensing.seat;

import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.events.licensing.SeatPool;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** {@code /api/v1/seat-assignments}: who holds a seat in the caller's organization (LIC-03, LIF-03). */
@Path("/api/v1/seat-assignments")
@Tag(name = "Seat assignments", description = "Which users hold a seat of the organization's plan")
@Produces(MediaType.APPLICATION_JSON)
public class SeatAssignmentResource {

    @Inject
    SeatPermissions permissions;
    @Inject
    IdempotentCreation idempotent;
    @Inject
    SeatService seats;

    /** A request to give a user a seat. */
    @Schema(name = "AssignSeatRequest")
    public record AssignSeat(@NotNull UUID userId, @NotNull @Schema(example = "REGULAR") SeatPool pool) {
    }

    /** Page of assignments, named for the OpenAPI document. */
    @Schema(name = "SeatAssignmentPage")
    public record SeatAssignmentPage(java.util.List<SeatAssignmentResponse> items, int page, int size,
                                     long totalItems, long totalPages) {
    }

    @GET
    @Operation(summary = "List seat assignments",
            description = "Oldest first, paged. An OWNER sees every assignment; any other user sees only their own.")
    @APIResponse(responseCode = "200", description = "A page of assignments",
            content = @Content(schema = @Schema(implementation = SeatAssignmentPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging or filter")
    @APIResponse(responseCode = "403", description = "Not a user of an organization (e.g. a partner client)")
    public Page<SeatAssignmentResponse> list(@QueryParam("pool") @Parameter(description = "Only this licence type") SeatPool pool,
                                             @QueryParam("userId") @Parameter(description = "Only this user") UUID userId,
                                             @BeanParam @Valid PageRequest page) {
        Caller c = permissions.requireView();
        boolean all = permissions.canManage(c);
        UUID onlyUser = all ? userId : c.userId();
        if (!all && userId != null && !userId.equals(onlyUser)) {
            return Page.of(java.util.List.of(), page, 0);
        }
        return seats.list(c.orgId(), pool, onlyUser, page);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one seat assignment", description = "An OWNER, or the user holding the seat.")
    @APIResponse(responseCode = "200", description = "The assignment",
            content = @Content(schema = @Schema(implementation = SeatAssignmentResponse.class)))
    @APIResponse(responseCode = "403", description = "Not a user of an organization (e.g. a partner client)")
    @APIResponse(responseCode = "404", description = "No such assignment in the caller's organization, or not the caller's")
    public SeatAssignmentResponse get(@PathParam("id") UUID id) {
        Caller c = permissions.requireView();
        SeatAssignmentResponse a = seats.get(c.orgId(), id);
        if (!permissions.canManage(c) && !a.userId().equals(c.user().orElse(null))) {
            throw ProblemException.notFound("seat assignment"); // others' seats are not visible, not merely forbidden
        }
        return a;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a seat", description = "OWNER only. The user must be in the organization, invited or active, of the pool's licence type, and hold no seat yet.")
    @APIResponse(responseCode = "201", description = "Assigned; Location names the assignment",
            content = @Content(schema = @Schema(implementation = SeatAssignmentResponse.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "seat-unavailable, seat-already-assigned, seat-type-mismatch, user-not-active, team-licences-disabled or team-licences-unavailable-on-plan")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    public Response assign(@Valid @NotNull AssignSeat request,
                           @Parameter(description = "Makes retries safe: the same request with the same key answers the first result; "
                                   + "1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IdempotentCreation.HEADER) String key,
                           @Context UriInfo uri) {
        Caller owner = permissions.requireManage();
        return idempotent.run(owner, key, "POST", uri.getPath(), request, () -> {
            SeatAssignmentResponse a = seats.assignByOwner(owner.orgId(), request.userId(), request.pool(), owner.user().orElse(null));
            return Response.created(uri.getAbsolutePathBuilder().path(a.id().toString()).build()).entity(a).build();
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unassign a seat", description = "OWNER only. Frees the seat; the assigned count goes down by one (LIF-03).")
    @APIResponse(responseCode = "204", description = "Unassigned")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such assignment in the caller's organization")
    public void unassign(@PathParam("id") UUID id) {
        Caller owner = permissions.requireManage();
        seats.unassignByOwner(owner.orgId(), id);
    }
}
