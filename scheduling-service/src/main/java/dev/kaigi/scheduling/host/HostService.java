package dev.kaigi.scheduling.host;

import dev.kaigi.events.Nullable;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What this service knows of a user as a meeting host, as the API shows it; another organization's users are 404. */
@ApplicationScoped
public class HostService {

    @Schema(name = "Host", description = "The host read model, kept from user-service and integration-service events")
    public record HostView(UUID userId, String email, Role role, UserType userType, HostStatus status,
                           boolean zoomPersonalUrlPresent, boolean zoomLinked, boolean calendarLinked,
                           CalendarProvider calendarProvider,
                           @Schema(description = "Open Salesforce opportunities owned by this address (SCH-04); null before the first sync")
                           @Nullable Integer openOpportunities, @Nullable Instant opportunitiesSyncedAt) {
    }

    @Inject
    HostRepository hosts;
    @Inject
    EntityManager em;

    /** The host with their open opportunities as last synced (SCH-04). */
    @Transactional
    public HostView view(UUID orgId, UUID userId) {
        Host h = known(orgId, userId);
        List<?> sync = em.createNativeQuery("""
                        select o.opportunities_synced_at, coalesce(c.open_opportunities, 0)
                        from organization o left join opportunity_count c on c.org_id = o.org_id and c.email_key = :email
                        where o.org_id = :org and o.opportunities_synced_at is not null
                        """)
                .setParameter("org", orgId).setParameter("email", h.emailKey).getResultList();
        Object[] row = sync.isEmpty() ? null : (Object[]) sync.get(0);
        return new HostView(h.userId, h.email, h.role, h.userType, h.status, h.zoomPersonalUrlPresent, h.zoomLinked,
                h.calendarLinked, h.calendarProvider, row == null ? null : ((Number) row[1]).intValue(),
                row == null ? null : toInstant(row[0]));
    }

    /** 404 unless {@code userId} is a user of {@code orgId} that user-service has spoken of. */
    @Transactional
    public void requireKnown(UUID orgId, UUID userId) {
        known(orgId, userId);
    }

    private Host known(UUID orgId, UUID userId) {
        return hosts.inOrganization(orgId, userId).filter(x -> x.status != null).orElseThrow(() -> ProblemException.notFound("host"));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
