package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.schedule.ApplyScheduleToOthersService.ApplicableField;
import dev.kaigi.scheduling.schedule.ApplyScheduleToOthersService.TargetChange;
import dev.kaigi.scheduling.schedule.ScheduleJson.WorkScheduleRequest;
import dev.kaigi.scheduling.schedule.ScheduleJson.WorkScheduleView;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/users/{userId}/work-schedule}: a user's time zone, weekly hours, breaks and caps
 * (SCH-01, SCH-02, SCH-04), "apply defaults" (SCH-05) and "apply to other users" (BLK-05).
 * Edit rights follow USR-02, as the source pages give no other rule for work hours: an OWNER
 * edits every user's schedule, everyone else only their own. MANAGERs may read every schedule.
 */
@Path("/api/v1/users/{userId}/work-schedule")
@Tag(name = "Work schedules", description = "Each host's weekly hours, breaks, caps and date overrides")
@Produces(MediaType.APPLICATION_JSON)
public class WorkScheduleResource {

    @Inject
    SchedulePermissions permissions;
    @Inject
    WorkScheduleService schedules;
    @Inject
    ApplyScheduleToOthersService applyToOthers;

    @Schema(name = "ApplyScheduleToOthersRequest", description = "Schedule fields to copy from the user in the path to the targets (BLK-05): weekly hours, breaks, daily caps, opportunity cap, date overrides to come (AVL-01); the time zone is never copied")
    public record ApplyToOthers(@NotNull @Size(max = 5) Set<@NotNull ApplicableField> fields,
                                @NotNull @Size(max = 500) List<@NotNull UUID> targetUserIds,
                                @Schema(description = "Report the changes without making them") boolean dryRun) {
    }

    @Schema(name = "ApplyScheduleToOthersResult")
    public record ApplyToOthersResult(boolean applied, List<TargetChange> targets) {
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "Read a user's work schedule", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read. ETag carries the version to send back in If-Match.")
    @APIResponse(responseCode = "200", description = "The schedule", content = @Content(schema = @Schema(implementation = WorkScheduleView.class)))
    @APIResponse(responseCode = "403", description = "Another user's schedule, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public Response get(@PathParam("userId") UUID userId) {
        Caller c = permissions.requireView(userId);
        return view(schedules.view(c.orgId(), userId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a user's work schedule", description = "Needs If-Match. An OWNER edits anyone's, others only their own. Breaks inside the window and not overlapping, end after start, IANA zone, caps integers ≥ 1 and never on a disabled weekday (SCH-01, SCH-02, SCH-04).")
    @APIResponse(responseCode = "200", description = "The new schedule", content = @Content(schema = @Schema(implementation = WorkScheduleView.class)))
    @APIResponse(responseCode = "403", description = "Another user's schedule, and not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "412", description = "The schedule changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response replace(@PathParam("userId") UUID userId, @Valid @NotNull WorkScheduleRequest request,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller c = permissions.requireEdit(userId);
        return view(schedules.replace(c.orgId(), userId, request, ETags.requiredVersion(ifMatch)));
    }

    @POST
    @Path("/apply-defaults")
    @Operation(summary = "Apply the organization's defaults", description = "Copies the organization's default schedule (the system defaults if it has none) onto the user's: zone, weekdays, breaks, caps (SCH-05). Same rights as editing; If-Match optional.")
    @APIResponse(responseCode = "200", description = "The new schedule", content = @Content(schema = @Schema(implementation = WorkScheduleView.class)))
    @APIResponse(responseCode = "403", description = "Another user's schedule, and not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "412", description = "If-Match given and the schedule changed since")
    public Response applyDefaults(@PathParam("userId") UUID userId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller c = permissions.requireEdit(userId);
        return view(schedules.applyDefaults(c.orgId(), userId, ETags.expectedVersion(ifMatch)));
    }

    @POST
    @Path("/apply-to-others")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply schedule fields to other users", description = "OWNER only. Copies the chosen fields (weekly hours, breaks, daily caps, opportunity cap) from this user to the targets in one transaction; dryRun reports the changes only (BLK-05). A result a target's schedule could not hold (a break outside its hours, a cap on its day off) refuses the whole request.")
    @APIResponse(responseCode = "200", description = "The changes per target", content = @Content(schema = @Schema(implementation = ApplyToOthersResult.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such source user")
    @APIResponse(responseCode = "409", description = "schedule-conflict: errors name each target's field that would become invalid; nothing changed")
    public ApplyToOthersResult apply(@PathParam("userId") UUID userId, @Valid @NotNull ApplyToOthers request) {
        Caller c = permissions.requireManage();
        return new ApplyToOthersResult(!request.dryRun(),
                applyToOthers.apply(c.orgId(), userId, request.fields(), request.targetUserIds(), request.dryRun()));
    }

    private static Response view(WorkScheduleView s) {
        return Response.ok(s).tag(new EntityTag(Long.toString(s.version()))).build();
    }
}
