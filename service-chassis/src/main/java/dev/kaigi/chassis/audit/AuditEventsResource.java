package dev.kaigi.chassis.audit;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/audit-events} (SEC-02): the organization's administrative changes in this
 * service, newest first, paged; OWNERs only. A service serves it by extending this class under
 * {@code @Path("/api/v1/audit-events")} and naming its actions; being a subclass keeps it out of
 * services that serve their own (user-service's has the same shape).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class AuditEventsResource {

    /** SEC-02: the audit log is the OWNERs'. */
    static final Permission VIEW = Permission.of("view-audit-log", Roles.OWNER)
            .inProfileAs(ProfilePermission.SEE_AUDIT_LOG);

    @Inject
    CurrentCaller caller;
    @Inject
    AuditEvents events;

    /** The actions this service records, so that a filter naming none of them is a client's mistake (400). */
    protected abstract Class<? extends Enum<?>> actions();

    /** A page of audit events, named for the OpenAPI document. */
    @Schema(name = "AuditEventPage")
    public record AuditEventPage(List<AuditEventView> items, int page, int size, long totalItems, long totalPages) {
    }

    @GET
    @Tag(name = "Audit log", description = "Who changed what and when in this service (SEC-02)")
    @Operation(summary = "Read the audit log", description = "OWNER only. Who changed what and when, newest first, paged; "
            + "filter by target user, changed record or action. actorUserId names the user who acted, actorClientId the partner "
            + "integration or service where no user did; neither is set where the system acted. targetUserId is the user the change "
            + "is about, targetId the record changed where it is not a user (a meeting type, a connection). before and after hold "
            + "the changed fields' values; before is absent for a creation, after for a deletion.")
    @APIResponse(responseCode = "200", description = "A page of audit events",
            content = @Content(schema = @Schema(implementation = AuditEventPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging, or an action this service does not record")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    public Page<AuditEventView> list(@QueryParam("targetUserId") @Parameter(description = "Only changes about this user") UUID targetUser,
                                     @QueryParam("targetId") @Parameter(description = "Only changes of this record") UUID target,
                                     @QueryParam("action") @Parameter(description = "Only this action") String action,
                                     @BeanParam @Valid PageRequest page) {
        UUID org = VIEW.require(caller.get()).orgId();
        String only = action == null || action.isEmpty() ? null : action; // empty reads as absent, as enum filters do
        if (only != null && Arrays.stream(actions().getEnumConstants()).noneMatch(a -> a.name().equals(only))) {
            throw ProblemException.invalidField("action", "invalid-value");
        }
        return events.page(org, new AuditEvents.Filter(targetUser, target, only), page);
    }
}
