package dev.kaigi.scheduling.host;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.eligibility.EligibilityService;
import dev.kaigi.scheduling.eligibility.EligibilityService.EligibilityView;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/hosts/{userId}}: what this service knows of a user as a meeting host. */
@Path("/api/v1/hosts")
@Tag(name = "Hosts")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    @Inject
    CurrentCaller caller;
    @Inject
    HostRepository hosts;
    @Inject
    EntityManager em;
    @Inject
    EligibilityService eligibility;

    @Schema(name = "Host", description = "The host read model, kept from user-service and integration-service events")
    public record HostView(UUID userId, String email, Role role, UserType userType, HostStatus status,
                           boolean zoomPersonalUrlPresent, boolean zoomLinked, boolean calendarLinked,
                           CalendarProvider calendarProvider,
                           @Schema(description = "Open Salesforce opportunities owned by this address (SCH-04); null before the first sync")
                           Integer openOpportunities, Instant opportunitiesSyncedAt) {
    }

    @GET
    @Path("/{userId}")
    @Transactional
    @Operation(summary = "Read a host", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read.")
    @APIResponse(responseCode = "200", description = "The host", content = @Content(schema = @Schema(implementation = HostView.class)))
    @APIResponse(responseCode = "403", description = "Another user, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public HostView get(@PathParam("userId") UUID userId) {
        Caller c = caller.get().requireSelfOrAnyRoleOrScope(userId, PartnerScopes.SCHEDULES_READ, Roles.OWNER, Roles.MANAGER);
        Host h = hosts.inOrganization(c.orgId(), userId).filter(x -> x.status != null)
                .orElseThrow(() -> ProblemException.notFound("host"));
        List<?> sync = em.createNativeQuery("""
                        select o.opportunities_synced_at, coalesce(c.open_opportunities, 0)
                        from organization o left join opportunity_count c on c.org_id = o.org_id and c.email_key = :email
                        where o.org_id = :org and o.opportunities_synced_at is not null
                        """)
                .setParameter("org", c.orgId()).setParameter("email", h.emailKey).getResultList();
        Object[] row = sync.isEmpty() ? null : (Object[]) sync.get(0);
        return new HostView(h.userId, h.email, h.role, h.userType, h.status, h.zoomPersonalUrlPresent, h.zoomLinked,
                h.calendarLinked, h.calendarProvider, row == null ? null : ((Number) row[1]).intValue(),
                row == null ? null : toInstant(row[0]));
    }

    @GET
    @Path("/{userId}/eligibility")
    @Operation(summary = "Explain a host's eligibility", description = "The user themself, a MANAGER, an OWNER or a partner with scope schedules:read. Every SCH-07 rule the "
            + "host fails for a meeting of the type starting at `start` (inactive, team-user, calendar-not-connected, "
            + "outside-working-hours, in-break, overlapping-meeting, daily-cap-reached, opportunity-cap-reached, zoom-not-configured).")
    @APIResponse(responseCode = "200", description = "The verdict", content = @Content(schema = @Schema(implementation = EligibilityView.class)))
    @APIResponse(responseCode = "400", description = "meetingType or start missing, malformed or unknown")
    @APIResponse(responseCode = "403", description = "Another user, and not a MANAGER, an OWNER or a partner with scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public EligibilityView eligibility(@PathParam("userId") UUID userId,
                                       @Parameter(description = "Meeting type id") @QueryParam("meetingType") UUID meetingType,
                                       @Parameter(description = "ISO-8601 date-time with offset") @QueryParam("start") String start) {
        Caller c = caller.get().requireSelfOrAnyRoleOrScope(userId, PartnerScopes.SCHEDULES_READ, Roles.OWNER, Roles.MANAGER);
        // the user first: another organization must get 404 for our user ids, not a verdict on its query
        hosts.inOrganization(c.orgId(), userId).filter(x -> x.status != null).orElseThrow(() -> ProblemException.notFound("host"));
        if (meetingType == null) {
            throw ProblemException.invalidField("meetingType", "required");
        }
        Instant at = Params.instant("start", Params.required("start", start));
        return eligibility.explain(c.orgId(), userId, meetingType, at);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
