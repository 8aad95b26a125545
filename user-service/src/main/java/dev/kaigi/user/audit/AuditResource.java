package dev.kaigi.user.audit;

import dev.kaigi.chassis.security.PartnerScopes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.user.security.CurrentUser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/audit-events}: the organization's administrative changes, newest first; OWNERs only. */
@Path("/api/v1/audit-events")
@Tag(name = "Audit log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    CurrentUser currentUser;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Schema(name = "AuditEvent")
    public record AuditEventView(UUID id, UUID actorUserId, AuditLog.Action action, UUID targetUserId,
                                 JsonNode before, JsonNode after, Instant occurredAt) {
    }

    @Schema(name = "AuditEventPage")
    public record AuditEventPage(List<AuditEventView> items, int page, int size, long totalItems, long totalPages) {
    }

    @GET
    @Transactional
    @Operation(summary = "Read the audit log", description = "OWNER, or a partner with scope users:read. Who changed what and when, with the values before and after; "
            + "newest first, paged; filter by target user or action. actorUserId is absent where no person acted (a partner integration, SCIM, the system).")
    @APIResponse(responseCode = "200", description = "A page of audit events", content = @Content(schema = @Schema(implementation = AuditEventPage.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:read")
    public Page<AuditEventView> list(@QueryParam("targetUserId") UUID target, @QueryParam("action") AuditLog.Action action,
                                     @BeanParam @Valid PageRequest page) {
        UUID org = currentUser.requireOwnerOrScope(PartnerScopes.USERS_READ).orgId();
        String where = " where org_id = ?1 and (cast(?2 as uuid) is null or target_user_id = ?2) and (cast(?3 as text) is null or action = ?3)";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, actor_user_id, action, target_user_id, cast(before as text), "
                        + "cast(after as text), occurred_at from audit_event" + where + " order by occurred_at desc, id limit ?4 offset ?5")
                .setParameter(1, org).setParameter(2, target).setParameter(3, action == null ? null : action.name())
                .setParameter(4, page.size()).setParameter(5, page.offset()).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from audit_event" + where)
                .setParameter(1, org).setParameter(2, target).setParameter(3, action == null ? null : action.name())
                .getSingleResult()).longValue();
        return Page.of(rows.stream().map(this::view).toList(), page, total);
    }

    private AuditEventView view(Object[] r) {
        return new AuditEventView((UUID) r[0], (UUID) r[1], AuditLog.Action.valueOf((String) r[2]), (UUID) r[3],
                read((String) r[4]), read((String) r[5]), instant(r[6]));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant()
                : value instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) value;
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
