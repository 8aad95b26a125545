package dev.kaigi.integration.lifecycle;

import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.internal.TransferPreview;
import dev.kaigi.events.user.DeletionTransfers;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code POST /api/v1/internal/organizations/{orgId}/users/{userId}/transfer-preview}: what a deletion with transfer
 * would move here (LIF-05), for user-service's preview to the super admin. Service accounts only; they have no tenant
 * of their own, so the organization is named in the path.
 */
@Path(InternalPaths.TRANSFER_PREVIEW)
@Tag(name = "Internal API for user-service", description = "Calls user-service makes on a user's lifecycle; service tokens only")
@Produces(MediaType.APPLICATION_JSON)
public class TransferPreviewResource {

    @Inject
    TransferPreviewPermissions permissions;
    @Inject
    TransferPreviewService previews;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What a deletion with these heirs would move: Salesforce records and notification subscriptions",
            description = "Changes nothing. Salesforce is read live; when it is away or must be re-connected, the category "
                    + "holds one item of kind salesforce-connection saying so.")
    @APIResponse(responseCode = "200", description = "Both categories integration-service keeps, in the enum's order")
    @APIResponse(responseCode = "400", description = "validation-failed, naming the field")
    @APIResponse(responseCode = "403", description = "Not a service account")
    public TransferPreview preview(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId,
                                   @NotNull DeletionTransfers heirs) {
        permissions.requirePreview();
        return previews.preview(orgId, userId, heirs);
    }
}
