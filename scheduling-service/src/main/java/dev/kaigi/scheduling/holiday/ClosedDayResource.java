package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.holiday.HolidayJson.ClosedDayList;
import dev.kaigi.scheduling.holiday.HolidayJson.ClosedDayRequest;
import dev.kaigi.scheduling.holiday.HolidayJson.ClosedDayView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/organization/closed-days}: the days the organization closes besides its calendar's holidays (AVL-03). */
@Path("/api/v1/organization/closed-days")
@Tag(name = "Holidays", description = "Holiday calendars and the organization's closed days (AVL-03)")
@Produces(MediaType.APPLICATION_JSON)
public class ClosedDayResource {

    @Inject
    HolidayPermissions permissions;
    @Inject
    HolidayService holidays;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "List the organization's own closed days", description = "Every member, or a partner with scope "
            + "schedules:read. From `from` to `to` (both included, at most 366 days), in date order.")
    @APIResponse(responseCode = "200", description = "The closed days", content = @Content(schema = @Schema(implementation = ClosedDayList.class)))
    @APIResponse(responseCode = "400", description = "from or to missing or not a date; range reversed or over 366 days")
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    public ClosedDayList list(@Parameter(description = "First day, ISO date") @QueryParam("from") String from,
                              @Parameter(description = "Last day (inclusive), ISO date") @QueryParam("to") String to) {
        Caller c = permissions.requireView();
        return holidays.closedDays(c.orgId(), HolidayDates.parse("from", from), HolidayDates.parse("to", to));
    }

    @PUT
    @Path("/{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a day", description = "MANAGER or OWNER. Closes the date for the whole organization under "
            + "the name given, or renames it when it is closed already; nobody is offered on it.")
    @APIResponse(responseCode = "200", description = "The closed day", content = @Content(schema = @Schema(implementation = ClosedDayView.class)))
    @APIResponse(responseCode = "400", description = "date not a date; name missing, blank, longer than 100 or not one line")
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    public ClosedDayView close(@Parameter(description = "ISO date, e.g. 2026-12-29") @PathParam("date") String date,
                               @Valid @NotNull ClosedDayRequest request) {
        Caller c = permissions.requireManage();
        return holidays.closeDay(c.orgId(), HolidayDates.parse("date", date), request.name());
    }

    @DELETE
    @Path("/{date}")
    @Operation(summary = "Open a closed day again", description = "MANAGER or OWNER. Only the organization's own closed days; "
            + "a calendar's holiday stays closed.")
    @APIResponse(responseCode = "204", description = "Opened")
    @APIResponse(responseCode = "400", description = "date not a date")
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    @APIResponse(responseCode = "404", description = "The date is not one of the organization's closed days")
    public void reopen(@Parameter(description = "ISO date, e.g. 2026-12-29") @PathParam("date") String date) {
        Caller c = permissions.requireManage();
        holidays.reopenDay(c.orgId(), HolidayDates.parse("date", date));
    }
}
