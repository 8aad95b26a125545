package dev.kaigi.user.audit;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** {@code /api/v1/audit-events}: the organization's administrative changes, newest first. */
@Path("/api/v1/audit-events")
@Tag(name = "Audit log", description = "Who changed what and when in this service (SEC-02)")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditPermissions permissions;
    @Inject
    AuditLog audit;

    @Schema(name = "AuditEventPage")
    public record AuditEventPage(List<AuditEventView> items, int page, int size, long totalItems, long totalPages) {
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Operation(summary = "Read the audit log", description = "OWNER, or a partner with scope users:read. Who changed what and when, with the values before and after; "
            + "newest first, paged; filter by target user or action. actorUserId is absent where no person acted (a partner integration, SCIM, the system).")
    @APIResponse(responseCode = "200", description = "A page of audit events", content = @Content(schema = @Schema(implementation = AuditEventPage.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:read")
    public Page<AuditEventView> list(@QueryParam("targetUserId") UUID target, @QueryParam("action") AuditLog.Action action,
                                     @BeanParam @Valid PageRequest page) {
        UUID org = permissions.requireView();
        return audit.events(org, target, action, page);
    }
}
