package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.security.Caller;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/**
 * The organization's Salesforce link (INT-03), its on-demand sync (SCH-04) and the ownership transfers of deleted
 * users' opportunities (LIF-05). OWNERs only; the tenant is
 * the token's, so another organization's link is never reachable. The OAuth redirect lands on the frontend,
 * which hands code and state to {@code PUT}; the state binds the authorization to the OWNER who started it.
 */
@Path("/api/v1/organization/salesforce-connection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Salesforce connection", description = "The organization's Salesforce connection, for leads and opportunities")
public class SalesforceConnectionResource {

    @Inject
    SalesforcePermissions permissions;
    @Inject
    ProviderConnections connections;
    @Inject
    SalesforceConnectionService salesforce;
    @Inject
    SalesforceSync sync;
    @Inject
    SalesforceOwnershipTransfers transfers;

    @Schema(name = "SalesforceAuthorization", description = "Where to send the user to grant access, and until when that link works")
    public record AuthorizationView(String authorizeUrl, Instant expiresAt) {
    }

    @Schema(name = "SalesforceAuthorizationCompletion", description = "What the provider handed back to the redirect page")
    public record CompleteRequest(@NotBlank @Size(max = 2048) String code, @NotBlank @Size(max = 512) String state) {
    }

    public record SyncView(Instant syncedAt, int usersAsked, int queries, int ownersWithOpenOpportunities) {
    }

    @POST
    @Path("/authorization")
    @Operation(summary = "Start connecting Salesforce: the URL to send the owner to")
    @APIResponse(responseCode = "200", description = "Salesforce's authorize URL with a single-use state")
    public AuthorizationView authorize() {
        Caller caller = permissions.requireManage();
        ProviderConnections.Authorization a = connections.start(Provider.SALESFORCE, caller.orgId(), caller.userId());
        return new AuthorizationView(a.authorizeUrl(), a.expiresAt());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete connecting (or re-connecting) with the code and state Salesforce sent back")
    @APIResponse(responseCode = "200", description = "The connection")
    @APIResponse(responseCode = "400", description = "oauth-state-invalid, oauth-authorization-invalid, validation-failed")
    @APIResponse(responseCode = "502", description = "provider-error: Salesforce answered something unusable")
    @APIResponse(responseCode = "503", description = "provider-unavailable: Salesforce is unreachable; nothing was changed")
    public SalesforceConnectionView complete(@Valid @NotNull CompleteRequest request) {
        Caller caller = permissions.requireManage();
        return salesforce.complete(caller.orgId(), caller.userId(), request.code(), request.state());
    }

    @GET
    @Operation(summary = "The organization's Salesforce connection")
    @APIResponse(responseCode = "200", description = "The connection")
    @APIResponse(responseCode = "404", description = "salesforce-not-connected")
    public SalesforceConnectionView get() {
        Caller caller = permissions.requireManage();
        return salesforce.get(caller.orgId());
    }

    @DELETE
    @Operation(summary = "Disconnect Salesforce; the grant is revoked at Salesforce")
    @APIResponse(responseCode = "204", description = "Disconnected (or was not connected)")
    public void disconnect() {
        Caller caller = permissions.requireManage();
        salesforce.disconnect(caller.orgId());
    }

    @POST
    @Path("/sync")
    @Operation(summary = "Read the open opportunities per user now and publish them (SCH-04)")
    @APIResponse(responseCode = "200", description = "Read and published")
    @APIResponse(responseCode = "404", description = "salesforce-not-connected")
    @APIResponse(responseCode = "409", description = "salesforce-relink-required: Salesforce refused the stored grant")
    @APIResponse(responseCode = "502", description = "provider-error: Salesforce answered something unusable")
    @APIResponse(responseCode = "503", description = "provider-unavailable: Salesforce is away or rate-limiting")
    public SyncView sync() {
        Caller caller = permissions.requireManage();
        SalesforceSync.Result r = sync.sync(caller.orgId());
        return new SyncView(r.syncedAt(), r.usersAsked(), r.queries(), r.ownersWithOpenOpportunities());
    }

    @GET
    @Path("/ownership-transfers")
    @Operation(summary = "What became of deleted users' open opportunities, newest first (at most 100) (LIF-05)")
    @APIResponse(responseCode = "200", description = "One entry per deletion with a Salesforce heir: moved, failed with "
            + "Salesforce's errors, status")
    public List<OwnershipTransferView> ownershipTransfers() {
        Caller caller = permissions.requireManage();
        return transfers.of(caller.orgId());
    }
}
