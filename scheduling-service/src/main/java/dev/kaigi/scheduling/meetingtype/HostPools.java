package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.scheduling.host.HostReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** Pool membership when a user leaves the organization (LIF-02, LIF-03). */
@ApplicationScoped
public class HostPools {

    @Inject
    EntityManager em;
    @Inject
    HostReadModel hosts;

    /** A place of a user in a meeting type's pool, and whether an heir already has one there. */
    public record PoolPlace(UUID meetingTypeId, String meetingTypeName, boolean heirAlreadyThere) {
    }

    /** The pools {@code userId} is in, by meeting type name, as {@link #handOver} would find them (LIF-05's preview). */
    @SuppressWarnings("unchecked") // a native query's rows are Object[]
    public List<PoolPlace> placesOf(UUID orgId, UUID userId, UUID heir) {
        List<Object[]> rows = em.createNativeQuery("""
                        select t.id, t.name, exists (select 1 from meeting_type_host o
                                                     where o.meeting_type_id = t.id and o.user_id = cast(:heir as uuid))
                        from meeting_type_host h join meeting_type t on t.id = h.meeting_type_id
                        where h.org_id = :org and h.user_id = :user
                        order by t.name, t.id
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("heir", heir).getResultList();
        return rows.stream().map(r -> new PoolPlace((UUID) r[0], (String) r[1], (Boolean) r[2])).toList();
    }

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
