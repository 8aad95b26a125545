package dev.kaigi.integration.calendar;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.integration.connection.ConnectionPermissions;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderConnections;
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
 * A user's own calendar link (INT-04): Google Calendar or Microsoft Outlook, one at a time; linking another
 * account (or the other provider) re-links. Only the user changes it; an OWNER may see it. The OAuth redirect
 * lands on the frontend, which hands code and state to {@code PUT}.
 */
@Path("/api/v1/users/{userId}/calendar-connection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar connection", description = "A user's Google or Microsoft calendar, read for busy times and written with bookings")
public class CalendarConnectionResource {

    @Inject
    ConnectionPermissions permissions;
    @Inject
    ProviderConnections connections;
    @Inject
    CalendarConnectionService calendars;

    public enum CalendarChoice { GOOGLE, MICROSOFT }

    public record AuthorizationRequest(@NotNull CalendarChoice provider) {
    }

    @Schema(name = "CalendarAuthorization", description = "Where to send the user to grant access, and until when that link works")
    public record AuthorizationView(String authorizeUrl, Instant expiresAt) {
    }

    @Schema(name = "CalendarAuthorizationCompletion", description = "What the provider handed back to the redirect page")
    public record CompleteRequest(@NotBlank @Size(max = 2048) String code, @NotBlank @Size(max = 512) String state) {
    }

    @POST
    @Path("/authorization")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start linking Google Calendar or Microsoft Outlook: the URL to send the user to")
    @APIResponse(responseCode = "200", description = "The provider's authorize URL with a single-use state")
    public AuthorizationView authorize(@PathParam("userId") UUID userId, @Valid @NotNull AuthorizationRequest request) {
        Caller caller = permissions.requireLink(userId);
        ProviderConnections.Authorization a = connections.start(Provider.valueOf(request.provider().name()),
                caller.orgId(), userId);
        return new AuthorizationView(a.authorizeUrl(), a.expiresAt());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete linking (or re-linking) with the code and state the provider sent back")
    @APIResponse(responseCode = "200", description = "The linked calendar; its busy times are read right away")
    @APIResponse(responseCode = "400", description = "oauth-state-invalid, oauth-authorization-invalid, validation-failed")
    @APIResponse(responseCode = "409", description = "connection-changed-concurrently: another request linked at the same moment")
    @APIResponse(responseCode = "502", description = "provider-error: the provider answered something unusable")
    @APIResponse(responseCode = "503", description = "provider-unavailable: the provider is unreachable; nothing was changed")
    public CalendarConnectionView complete(@PathParam("userId") UUID userId, @Valid @NotNull CompleteRequest request) {
        Caller caller = permissions.requireLink(userId);
        return calendars.complete(caller.orgId(), userId, request.code(), request.state());
    }

    @GET
    @Operation(summary = "The linked calendar and its account's email")
    @APIResponse(responseCode = "200", description = "The link")
    @APIResponse(responseCode = "404", description = "calendar-not-connected, or a user of another organization")
    public CalendarConnectionView get(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireView(userId);
        return calendars.get(caller.orgId(), userId);
    }

    @DELETE
    @Operation(summary = "Unlink the calendar; the grant is revoked at Google (Microsoft has no such endpoint)")
    @APIResponse(responseCode = "204", description = "Unlinked (or was not linked)")
    public void disconnect(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireLink(userId);
        calendars.disconnect(caller.orgId(), userId);
    }
}
