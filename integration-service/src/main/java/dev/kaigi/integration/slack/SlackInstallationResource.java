package dev.kaigi.integration.slack;

import dev.kaigi.chassis.security.Caller;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * The organization's Slack installation (INT-10): Kaigi's Slack app in the organization's own workspace, whose bot
 * mentions hosts (INT-02). OWNERs only; the tenant is the token's, so another organization's installation is never
 * reachable. Slack's redirect lands on the frontend, which hands code and state to {@code PUT}; the state binds the
 * install to the OWNER who started it.
 */
@Path("/api/v1/organization/slack-installation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Slack installation", description = "The organization's Slack app, for booking notifications")
public class SlackInstallationResource {

    @Inject
    SlackPermissions permissions;
    @Inject
    SlackInstallationService installations;

    @Schema(name = "SlackAuthorization", description = "Where to send the user to grant access, and until when that link works")
    public record AuthorizationView(String authorizeUrl, Instant expiresAt) {
    }

    @Schema(name = "SlackAuthorizationCompletion", description = "What the provider handed back to the redirect page")
    public record CompleteRequest(@NotBlank @Size(max = 2048) String code, @NotBlank @Size(max = 512) String state) {
    }

    @POST
    @Path("/authorization")
    @Operation(summary = "Start installing Kaigi's Slack app: the URL to send the owner to")
    @APIResponse(responseCode = "200", description = "Slack's authorize URL (scope chat:write) with a single-use state")
    public AuthorizationView authorize() {
        Caller caller = permissions.requireManage();
        SlackInstallationService.Authorization a = installations.start(caller.orgId(), caller.userId());
        return new AuthorizationView(a.authorizeUrl(), a.expiresAt());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete installing (or re-installing) with the code and state Slack sent back")
    @APIResponse(responseCode = "200", description = "The installation")
    @APIResponse(responseCode = "400", description = "oauth-state-invalid, oauth-authorization-invalid, "
            + "slack-enterprise-install-not-supported, validation-failed")
    @APIResponse(responseCode = "409", description = "slack-workspace-in-use: another organization has the workspace; "
            + "connection-changed-concurrently")
    @APIResponse(responseCode = "502", description = "slack-install-refused: Slack refused the app's registration; "
            + "provider-error: Slack answered something unusable")
    @APIResponse(responseCode = "503", description = "provider-unavailable: Slack is unreachable; nothing was changed")
    public SlackInstallationView complete(@Valid @NotNull CompleteRequest request) {
        Caller caller = permissions.requireManage();
        return installations.complete(caller.orgId(), caller.userId(), request.code(), request.state());
    }

    @GET
    @Operation(summary = "The organization's Slack installation: workspace, bot, status (REVOKED: why and when)")
    @APIResponse(responseCode = "200", description = "The installation")
    @APIResponse(responseCode = "404", description = "slack-not-installed")
    public SlackInstallationView get() {
        Caller caller = permissions.requireManage();
        return installations.get(caller.orgId());
    }

    @DELETE
    @Operation(summary = "Uninstall: the bot token is deleted and revoked at Slack")
    @APIResponse(responseCode = "204", description = "Uninstalled (or was not installed)")
    public void uninstall() {
        Caller caller = permissions.requireManage();
        installations.uninstall(caller.orgId());
    }
}
