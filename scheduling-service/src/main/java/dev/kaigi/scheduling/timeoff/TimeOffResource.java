package dev.kaigi.scheduling.timeoff;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.timeoff.TimeOffJson.TimeOffCreated;
import dev.kaigi.scheduling.timeoff.TimeOffJson.TimeOffListView;
import dev.kaigi.scheduling.timeoff.TimeOffJson.TimeOffRequest;
import dev.kaigi.scheduling.timeoff.TimeOffJson.MeetingOutcome;
import dev.kaigi.scheduling.timeoff.TimeOffJson.TimeOffView;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/users/{userId}/time-off}: a host's absences (AVL-02). The host records their own,
 * an OWNER or a MANAGER anyone's; nothing is offered or booked inside one, and the meetings already
 * inside a new one are handed over or cancelled before the answer (MTG-05).
 */
@Path("/api/v1/users/{userId}/time-off")
@Tag(name = "Work schedules", description = "Each host's weekly hours, breaks, caps and date overrides")
@Produces(MediaType.APPLICATION_JSON)
public class TimeOffResource {

    @Inject
    TimeOffPermissions permissions;
    @Inject
    TimeOffService timeOff;
    @Inject
    TimeOffSettlement settlement;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "List a user's time off", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read: the absences not yet over, by start.")
    @APIResponse(responseCode = "200", description = "The absences", content = @Content(schema = @Schema(implementation = TimeOffListView.class)))
    @APIResponse(responseCode = "403", description = "Another user's time off, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public TimeOffListView list(@PathParam("userId") UUID userId) {
        Caller c = permissions.requireView(userId);
        return new TimeOffListView(timeOff.list(c.orgId(), userId, Instant.now()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record time off", description = "The user themself, a MANAGER or an OWNER. From start to end (wall-clock times in timeZone, the user's schedule zone by default), at most 366 days, not over. "
            + "The meetings inside it that have not started go to another eligible host of their pool, or are cancelled with reason host-unavailable; the answer lists each (MTG-05).")
    @APIResponse(responseCode = "201", description = "Recorded, with what became of the meetings inside it", content = @Content(schema = @Schema(implementation = TimeOffCreated.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (named): end not after start, too long, already over, unknown zone")
    @APIResponse(responseCode = "403", description = "Another user's time off, and not a MANAGER or an OWNER")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "time-off-limit: the user has too many absences to come")
    public Response add(@PathParam("userId") UUID userId, @Valid @NotNull TimeOffRequest request) {
        Caller c = permissions.requireEdit(userId);
        Instant now = Instant.now();
        TimeOffView view = timeOff.add(c.orgId(), userId, c.user().orElse(null), request, now);
        List<MeetingOutcome> meetings = settlement.settle(view.id(), now);
        TimeOffView settled = new TimeOffView(view.id(), view.userId(), view.start(), view.end(), view.timeZone(), view.note(), true);
        return Response.created(URI.create("/api/v1/users/" + userId + "/time-off/" + view.id()))
                .entity(new TimeOffCreated(settled, meetings)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove time off", description = "The user themself, a MANAGER or an OWNER. The user is offered again in its time; meetings already handed over stay with their new host.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Another user's time off, and not a MANAGER or an OWNER")
    @APIResponse(responseCode = "404", description = "No such user or absence in the caller's organization")
    public Response remove(@PathParam("userId") UUID userId, @PathParam("id") UUID id) {
        Caller c = permissions.requireEdit(userId);
        timeOff.remove(c.orgId(), userId, id);
        return Response.noContent().build();
    }
}
