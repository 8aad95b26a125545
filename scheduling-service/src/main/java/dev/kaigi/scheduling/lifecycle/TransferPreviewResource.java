package dev.kaigi.scheduling.lifecycle;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code /api/v1/internal/organizations/{orgId}/users/{userId}/transfer-preview}: what deleting a user
 * with these heirs would do to their future meetings and pool places (LIF-05). user-service asks it for
 * the super admin's dry run. Service accounts only; they have no tenant, so the organization is in the path.
 */
@Path(InternalPaths.TRANSFER_PREVIEW)
@Tag(name = "Transfer preview for user-service", description = "What a user's deletion would hand to others (LIF-05); service tokens only")
@Produces(MediaType.APPLICATION_JSON)
public class TransferPreviewResource {

    @Inject
    LifecyclePermissions permissions;
    @Inject
    DeparturePreview preview;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a deletion's transfers",
            description = "FUTURE_BOOKINGS: each meeting not started yet, moving when the heir is eligible for it, else with the heir's first eligibility reason (or no-heir). POOL_MEMBERSHIPS: each pool the user is in, moving unless the heir is already in it (heir-already-in-pool) or cannot host (heir-not-host, no-heir). Changes nothing.")
    @APIResponse(responseCode = "200", description = "The two categories scheduling-service keeps",
            content = @Content(schema = @Schema(implementation = TransferPreview.class)))
    @APIResponse(responseCode = "400", description = "No body, or a malformed one")
    @APIResponse(responseCode = "403", description = "Not a service account")
    public TransferPreview preview(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId,
                                   @NotNull DeletionTransfers heirs) {
        permissions.requirePreviewTransfers();
        return preview.preview(orgId, userId, heirs, Instant.now());
    }
}
