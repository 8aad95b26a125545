package dev.kaigi.integration.zoom;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.integration.connection.ConnectionPermissions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's own Zoom link (INT-01). The OAuth redirect lands on the frontend, which hands the code and the
 * state to {@code PUT}; the state binds the authorization to the user who started it. Only the user
 * themself changes their link; an OWNER may see whether a user of the organization has one.
 */
@Path("/api/v1/users/{userId}/zoom-connection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Zoom connection", description = "A user's Zoom account, for meeting links")
public class ZoomConnectionResource {

    @Inject
    ConnectionPermissions permissions;
    @Inject
    ZoomConnectionService connections;

    @Schema(name = "ZoomAuthorization", description = "Where to send the user to grant access, and until when that link works")
    public record AuthorizationView(String authorizeUrl, Instant expiresAt) {
    }

    @Schema(name = "ZoomAuthorizationCompletion", description = "What the provider handed back to the redirect page")
    public record CompleteRequest(@NotBlank @Size(max = 2048) String code, @NotBlank @Size(max = 512) String state) {
    }

    @POST
    @Path("/authorization")
    @Operation(summary = "Start linking a Zoom account: the URL to send the user to")
    @APIResponse(responseCode = "200", description = "Zoom's authorize URL with a single-use state")
    public AuthorizationView authorize(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireLink(userId);
        ZoomConnectionService.Authorization a = connections.start(caller.orgId(), userId);
        return new AuthorizationView(a.authorizeUrl(), a.expiresAt());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete linking (or re-linking) with the code and state Zoom sent back")
    @APIResponse(responseCode = "200", description = "The linked Zoom account")
    @APIResponse(responseCode = "409", description = "zoom-account-in-use: the Zoom account is linked to another user")
    @APIResponse(responseCode = "502", description = "provider-error: Zoom answered something unusable")
    @APIResponse(responseCode = "503", description = "provider-unavailable: Zoom is unreachable; nothing was changed")
    public ZoomConnectionView complete(@PathParam("userId") UUID userId, @Valid @NotNull CompleteRequest request) {
        Caller caller = permissions.requireLink(userId);
        return connections.complete(caller.orgId(), userId, request.code(), request.state());
    }

    @GET
    @Operation(summary = "The linked Zoom account's email")
    @APIResponse(responseCode = "200", description = "The link")
    @APIResponse(responseCode = "404", description = "zoom-not-connected, or a user of another organization")
    public ZoomConnectionView get(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireView(userId);
        return connections.find(caller.orgId(), userId)
                .orElseThrow(() -> new ProblemException(404, "zoom-not-connected"));
    }

    @DELETE
    @Operation(summary = "Unlink the Zoom account")
    @APIResponse(responseCode = "204", description = "Unlinked (or was not linked)")
    public void disconnect(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireLink(userId);
        connections.disconnect(caller.orgId(), userId);
    }
}
