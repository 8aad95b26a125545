package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.scheduling.host.HostReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.UUID;

/** Pool membership when a user leaves the organization (LIF-02, LIF-03). */
@ApplicationScoped
public class HostPools {

    @Inject
    EntityManager em;
    @Inject
    HostReadModel hosts;

    /**
     * The user's places in every pool go to {@code transferTo} (LIF-02: assignment settings are
     * transferred), keeping the place's position; a pool that already has the target just loses
     * the user. Without a target, or with one of another organization, the places are removed.
     * Every changed meeting type gets a new version, so stale ETags are refused.
     */
    public void handOver(UUID orgId, UUID userId, UUID transferTo) {
        em.createNativeQuery("""
                        update meeting_type set version = version + 1
                        where org_id = :org and id in (select meeting_type_id from meeting_type_host where org_id = :org and user_id = :user)
                        """)
                .setParameter("org", orgId).setParameter("user", userId).executeUpdate();
        if (transferTo != null && !transferTo.equals(userId) && hosts.ensureKnown(orgId, transferTo)) {
            em.createNativeQuery("""
                            update meeting_type_host h set user_id = :to
                            where h.org_id = :org and h.user_id = :user and not exists
                                (select 1 from meeting_type_host o where o.meeting_type_id = h.meeting_type_id and o.user_id = :to)
                            """)
                    .setParameter("org", orgId).setParameter("user", userId).setParameter("to", transferTo).executeUpdate();
        }
        em.createNativeQuery("delete from meeting_type_host where org_id = :org and user_id = :user")
                .setParameter("org", orgId).setParameter("user", userId).executeUpdate();
    }
}
