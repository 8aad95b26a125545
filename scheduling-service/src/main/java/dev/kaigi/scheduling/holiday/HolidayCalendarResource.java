package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.problem.ProblemMessages;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidayCalendarList;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/holiday-calendars}: the holiday calendars an organization may choose (AVL-03). */
@Path("/api/v1/holiday-calendars")
@Tag(name = "Holidays", description = "Holiday calendars and the organization's closed days (AVL-03)")
@Produces(MediaType.APPLICATION_JSON)
public class HolidayCalendarResource {

    @Inject
    HolidayPermissions permissions;
    @Inject
    HolidayService holidays;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "List the holiday calendars", description = "Every member, or a partner with scope schedules:read. "
            + "Names in Japanese or English by Accept-Language; each calendar covers the years from firstYear to lastYear.")
    @APIResponse(responseCode = "200", description = "The calendars", content = @Content(schema = @Schema(implementation = HolidayCalendarList.class)))
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    public HolidayCalendarList list(@Context HttpHeaders headers) {
        permissions.requireView();
        return holidays.calendars(ProblemMessages.choose(headers.getAcceptableLanguages()));
    }
}
