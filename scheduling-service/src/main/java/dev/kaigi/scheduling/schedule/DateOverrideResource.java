package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.schedule.DateOverrideJson.DateOverrideRequest;
import dev.kaigi.scheduling.schedule.DateOverrideJson.DateOverrideView;
import dev.kaigi.scheduling.schedule.DateOverrideJson.DateOverridesView;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.UUID;

/**
 * {@code /api/v1/users/{userId}/date-overrides}: other hours, or a day off, for one date of a
 * user (AVL-01). Rights as for the work schedule: the user and an OWNER edit, a MANAGER reads.
 */
@Path("/api/v1/users/{userId}/date-overrides")
@Tag(name = "Work schedules", description = "Each host's weekly hours, breaks, caps and date overrides")
@Produces(MediaType.APPLICATION_JSON)
public class DateOverrideResource {

    @Inject
    SchedulePermissions permissions;
    @Inject
    DateOverrideService overrides;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "List a user's date overrides", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read. Dates are the user's local dates; from defaults to yesterday, to to a year after from (at most 732 days).")
    @APIResponse(responseCode = "200", description = "The overrides by date", content = @Content(schema = @Schema(implementation = DateOverridesView.class)))
    @APIResponse(responseCode = "400", description = "from or to not a date; range reversed or too long")
    @APIResponse(responseCode = "403", description = "Another user's overrides, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public DateOverridesView list(@PathParam("userId") UUID userId,
                                  @Parameter(description = "First date, ISO") @QueryParam("from") String from,
                                  @Parameter(description = "Last date (inclusive), ISO") @QueryParam("to") String to) {
        Caller c = permissions.requireView(userId);
        LocalDate first = from == null ? LocalDate.now().minusDays(1) : Params.date("from", from);
        LocalDate last = to == null ? first.plusYears(1) : Params.date("to", to);
        return new DateOverridesView(overrides.list(c.orgId(), userId, first, last));
    }

    @PUT
    @Path("/{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a date's hours or a day off", description = "The user themself or an OWNER. The date's rules replace its weekday's: enabled=false is a day off; otherwise start, end, breaks and dailyCap as a weekday has them (SCH-01, SCH-02). "
            + "Opens an organization's closed day for this user (AVL-03). Meetings already booked stay.")
    @APIResponse(responseCode = "200", description = "The override", content = @Content(schema = @Schema(implementation = DateOverrideView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid (named), or the date is past or over two years ahead")
    @APIResponse(responseCode = "403", description = "Another user's overrides, and not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public DateOverrideView set(@PathParam("userId") UUID userId, @PathParam("date") String date,
                                @Valid @NotNull DateOverrideRequest request) {
        Caller c = permissions.requireEdit(userId);
        return overrides.set(c.orgId(), userId, Params.date("date", date), request);
    }

    @DELETE
    @Path("/{date}")
    @Operation(summary = "Remove a date's override", description = "The user themself or an OWNER; the weekday's rules hold again.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "date is not a date")
    @APIResponse(responseCode = "403", description = "Another user's overrides, and not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user, or no override on that date")
    public Response remove(@PathParam("userId") UUID userId, @PathParam("date") String date) {
        Caller c = permissions.requireEdit(userId);
        overrides.remove(c.orgId(), userId, Params.date("date", date));
        return Response.noContent().build();
    }
}
