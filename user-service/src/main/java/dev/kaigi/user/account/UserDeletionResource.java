package dev.kaigi.user.account;

import dev.kaigi.user.lifecycle.DeletionPreviewView;
import dev.kaigi.user.lifecycle.DeletionPreviews;
import dev.kaigi.user.lifecycle.DeletionRequest;
import dev.kaigi.user.lifecycle.LifecycleService;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** {@code /api/v1/users/{id}/deletion}: delete with an heir per category, or preview it (LIF-05). */
@Path("/api/v1/users/{id}/deletion")
@Tag(name = "Users", description = "The organization's users and their roles")
@Produces(MediaType.APPLICATION_JSON)
public class UserDeletionResource {

    @Inject
    UserPermissions permissions;
    @Inject
    LifecycleService lifecycle;
    @Inject
    DeletionPreviews previews;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete a user, with an heir per category",
            description = "Super admin only, irreversible (LIF-02, LIF-05). Each category of what the user leaves goes to its own heir, another active regular user, or to nobody (null): futureBookings (meetings not started; those the heir is not eligible for go to the pools, else are cancelled and the lead asked to book again), poolMemberships (places in meeting-type host pools), salesforceRecords (the Salesforce owner of their open opportunities), notificationSubscriptions (their booking notifications). With dryRun nothing changes: the answer lists per category what would move and what would not, each with its reason; the categories whose service could not be asked are listed in unavailable.")
    @APIResponse(responseCode = "200", description = "dryRun: what the deletion would move",
            content = @Content(schema = @Schema(implementation = DeletionPreviewView.class)))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "A malformed body")
    @APIResponse(responseCode = "403", description = "Not the super admin")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required; transfer-target-invalid, naming each invalid heir's field")
    public Response delete(@PathParam("id") UUID id, @Valid @NotNull DeletionRequest request) {
        Actor superAdmin = permissions.requireDelete();
        if (request.dryRun()) {
            return Response.ok(previews.preview(superAdmin, id, request.heirs())).build();
        }
        lifecycle.delete(superAdmin, id, request.heirs(), DeletionRequest::fieldOf);
        return Response.noContent().build();
    }
}
