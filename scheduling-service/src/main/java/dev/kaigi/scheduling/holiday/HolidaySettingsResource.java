package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidaySettingsRequest;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidaySettingsView;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/organization/holiday-settings}: the holiday calendar the organization chose (AVL-03). */
@Path("/api/v1/organization/holiday-settings")
@Tag(name = "Holidays", description = "Holiday calendars and the organization's closed days (AVL-03)")
@Produces(MediaType.APPLICATION_JSON)
public class HolidaySettingsResource {

    @Inject
    HolidayPermissions permissions;
    @Inject
    HolidayService holidays;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "Read the organization's holiday calendar", description = "Every member, or a partner with scope "
            + "schedules:read. calendar null: none chosen, only the organization's own closed days close.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(schema = @Schema(implementation = HolidaySettingsView.class)))
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    public HolidaySettingsView get() {
        Caller c = permissions.requireView();
        return holidays.settings(c.orgId());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the organization's holiday calendar", description = "MANAGER or OWNER. Nobody is offered on "
            + "the calendar's holidays from then on; calendar null or left out: none.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(schema = @Schema(implementation = HolidaySettingsView.class)))
    @APIResponse(responseCode = "400", description = "calendar is not an id of /api/v1/holiday-calendars")
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    public HolidaySettingsView replace(@Valid @NotNull HolidaySettingsRequest request) {
        Caller c = permissions.requireManage();
        return holidays.chooseCalendar(c.orgId(), request.calendar());
    }
}
