package dev.kaigi.scheduling.eligibility;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.eligibility.EligibilityService.EligibilityView;
import dev.kaigi.scheduling.host.HostPermissions;
import dev.kaigi.scheduling.host.HostService;
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
import java.util.UUID;

/** {@code /api/v1/hosts/{userId}/eligibility}: why a host can or cannot take a slot (SCH-07). */
@Path("/api/v1/hosts/{userId}/eligibility")
@Tag(name = "Hosts", description = "The users who host meetings, and whether they can now")
@Produces(MediaType.APPLICATION_JSON)
public class EligibilityResource {

    @Inject
    HostPermissions permissions;
    @Inject
    HostService hosts;
    @Inject
    EligibilityService eligibility;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "Explain a host's eligibility", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read. Every SCH-07 rule the "
            + "host fails for a meeting of the type starting at `start` (inactive, team-user, calendar-not-connected, "
            + "outside-working-hours, in-break, overlapping-meeting, daily-cap-reached, opportunity-cap-reached, zoom-not-configured).")
    @APIResponse(responseCode = "200", description = "The verdict", content = @Content(schema = @Schema(implementation = EligibilityView.class)))
    @APIResponse(responseCode = "400", description = "meetingType or start missing, malformed or unknown")
    @APIResponse(responseCode = "403", description = "Another user, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public EligibilityView eligibility(@PathParam("userId") UUID userId,
                                       @Parameter(description = "Meeting type id") @QueryParam("meetingType") UUID meetingType,
                                       @Parameter(description = "ISO-8601 date-time with offset") @QueryParam("start") String start) {
        Caller c = permissions.requireView(userId);
        // the user first: another organization gets 404 for our user ids, not a verdict on its query
        hosts.requireKnown(c.orgId(), userId);
        if (meetingType == null) {
            throw ProblemException.invalidField("meetingType", "required");
        }
        Instant at = Params.instant("start", Params.required("start", start));
        return eligibility.explain(c.orgId(), userId, meetingType, at);
    }
}
