package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.problem.ProblemMessages;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidayList;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/organization/holidays}: the days the organization is closed, whatever closes them (AVL-03). */
@Path("/api/v1/organization/holidays")
@Tag(name = "Holidays", description = "Holiday calendars and the organization's closed days (AVL-03)")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationHolidaysResource {

    @Inject
    HolidayPermissions permissions;
    @Inject
    HolidayService holidays;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "List the days the organization is closed", description = "Every member, or a partner with scope "
            + "schedules:read. From `from` to `to` (both included, at most 366 days), in date order: the holidays of the "
            + "organization's calendar (named by Accept-Language) and its own closed days, one entry per date.")
    @APIResponse(responseCode = "200", description = "The closed days", content = @Content(schema = @Schema(implementation = HolidayList.class)))
    @APIResponse(responseCode = "400", description = "from or to missing or not a date; range reversed or over 366 days")
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    public HolidayList list(@Parameter(description = "First day, ISO date") @QueryParam("from") String from,
                            @Parameter(description = "Last day (inclusive), ISO date") @QueryParam("to") String to,
                            @Context HttpHeaders headers) {
        Caller c = permissions.requireView();
        return holidays.holidays(c.orgId(), HolidayDates.parse("from", from), HolidayDates.parse("to", to),
                ProblemMessages.choose(headers.getAcceptableLanguages()));
    }
}
