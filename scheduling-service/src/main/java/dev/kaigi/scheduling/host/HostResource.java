package dev.kaigi.scheduling.host;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.host.HostService.HostView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** {@code /api/v1/hosts/{userId}}: what this service knows of a user as a meeting host. */
@Path("/api/v1/hosts")
@Tag(name = "Hosts", description = "The users who host meetings, and whether they can now")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    @Inject
    HostPermissions permissions;
    @Inject
    HostService hosts;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Path("/{userId}")
    @Operation(summary = "Read a host", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read.")
    @APIResponse(responseCode = "200", description = "The host", content = @Content(schema = @Schema(implementation = HostView.class)))
    @APIResponse(responseCode = "403", description = "Another user, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public HostView get(@PathParam("userId") UUID userId) {
        Caller c = permissions.requireView(userId);
        return hosts.view(c.orgId(), userId);
    }
}
