package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.schedule.ScheduleJson.DefaultWorkScheduleView;
import dev.kaigi.scheduling.schedule.ScheduleJson.WorkScheduleRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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

import java.util.UUID;

/** {@code /api/v1/organization/default-work-schedule}: what new users' schedules start as (SCH-05). */
@Path("/api/v1/organization/default-work-schedule")
@Tag(name = "Work schedules", description = "Each host's weekly hours, breaks, caps and date overrides")
@Produces(MediaType.APPLICATION_JSON)
public class DefaultWorkScheduleResource {

    @Inject
    SchedulePermissions permissions;
    @Inject
    WorkScheduleService schedules;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "Read the organization's default schedule", description = "Every member, or a partner with scope schedules:read. configured=false: none is set and the system defaults apply (Mon–Fri 09:00–18:00, 12:00–13:00 break, no caps, the organization's zone). ETag only when configured.")
    @APIResponse(responseCode = "200", description = "The defaults", content = @Content(schema = @Schema(implementation = DefaultWorkScheduleView.class)))
    public Response get() {
        Caller c = permissions.requireViewDefault();
        return view(c.orgId());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the organization's default schedule", description = "OWNER only. The first write needs no If-Match; later ones do. Same rules as a user's schedule.")
    @APIResponse(responseCode = "200", description = "The defaults", content = @Content(schema = @Schema(implementation = DefaultWorkScheduleView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "409", description = "Another OWNER created the defaults at the same moment")
    @APIResponse(responseCode = "412", description = "The defaults changed since they were read")
    @APIResponse(responseCode = "428", description = "If-Match missing while defaults exist")
    public Response replace(@Valid @NotNull WorkScheduleRequest request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller c = permissions.requireManage();
        schedules.replaceDefaults(c.orgId(), request, ETags.expectedVersion(ifMatch));
        return view(c.orgId());
    }

    private Response view(UUID orgId) {
        Response.ResponseBuilder ok = Response.ok(schedules.defaults(orgId));
        schedules.defaultsVersion(orgId).ifPresent(v -> ok.tag(new EntityTag(Long.toString(v))));
        return ok.build();
    }
}
