package dev.kaigi.scheduling.availability;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.availability.AvailabilityService.AvailabilityView;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.MeetingTypePermissions;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** {@code /api/v1/meeting-types/{id}/availability}: the bookable slots of a meeting type (SCH-09). */
@Path("/api/v1/meeting-types/{id}/availability")
@Tag(name = "Meeting types", description = "What can be booked: duration, host pool, booking rules")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    @Inject
    MeetingTypePermissions permissions;
    @Inject
    BookableTypes bookable;
    @Inject
    AvailabilityService availability;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "Bookable slots", description = "Every member, or a partner with scope schedules:read. The slots from `from` to `to` (dates in `timeZone`, at most 62 days) "
            + "in which at least one pool host is eligible, after the minimum notice and within the booking horizon (SCH-09).")
    @APIResponse(responseCode = "200", description = "Slots by day", content = @Content(schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "400", description = "from, to or timeZone missing or invalid; range reversed or over 62 days")
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such meeting type in the caller's organization")
    public AvailabilityView availability(@PathParam("id") UUID id,
                                         @Parameter(description = "First day, ISO date") @QueryParam("from") String from,
                                         @Parameter(description = "Last day (inclusive), ISO date") @QueryParam("to") String to,
                                         @Parameter(description = "IANA zone of the days and the answer, e.g. Asia/Tokyo") @QueryParam("timeZone") String timeZone) {
        Caller c = permissions.requireView();
        LocalDate first = Params.date("from", from);
        LocalDate last = Params.date("to", to);
        ZoneId zone = Params.zone("timeZone", timeZone);
        BookableType type = bookable.inOrganization(c.orgId(), id).orElseThrow(() -> ProblemException.notFound("meeting-type"));
        return availability.availability(type, first, last, zone, Instant.now());
    }
}
