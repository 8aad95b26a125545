package dev.kaigi.licensing.seat;

import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.licensing.subscription.SeatHolders;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SeatAssignmentRepository implements PanacheRepositoryBase<SeatAssignment, UUID>, SeatHolders {

    /**
     * Inserts the assignment unless the user already holds a seat; true when inserted. The unique
     * key makes a concurrent second insert for the same user wait and then do nothing.
     */
    public boolean insertIfUserHasNone(SeatAssignment a) {
        return getEntityManager().createNativeQuery("""
                        insert into seat_assignment (id, org_id, user_id, pool, assigned_at, assigned_by)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (org_id, user_id) do nothing
                        """)
                .setParameter(1, a.id).setParameter(2, a.orgId).setParameter(3, a.userId)
                .setParameter(4, a.pool.name()).setParameter(5, a.assignedAt).setParameter(6, a.assignedBy)
                .executeUpdate() == 1;
    }

    public Optional<SeatAssignment> ofUser(UUID orgId, UUID userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResultOptional();
    }

    public Optional<SeatAssignment> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    @Override
    public List<UUID> holdersOf(UUID orgId, SeatPool pool) {
        return find("orgId = ?1 and pool = ?2", Sort.by("assignedAt").and("id"), orgId, pool)
                .project(UserIdOnly.class).list().stream().map(UserIdOnly::userId).toList();
    }

    /** Assignments of the organization, optionally of one pool or one user, oldest first. */
    public PanacheQuery<SeatAssignment> search(UUID orgId, SeatPool pool, UUID userId) {
        StringBuilder where = new StringBuilder("orgId = :org");
        Parameters params = Parameters.with("org", orgId);
        if (pool != null) {
            where.append(" and pool = :pool");
            params.and("pool", pool);
        }
        if (userId != null) {
            where.append(" and userId = :user");
            params.and("user", userId);
        }
        return find(where.toString(), Sort.by("assignedAt").and("id"), params);
    }

    public SeatAssignment newAssignment(UUID orgId, UUID userId, SeatPool pool, UUID assignedBy) {
        SeatAssignment a = new SeatAssignment();
        a.id = UUID.randomUUID();
        a.orgId = orgId;
        a.userId = userId;
        a.pool = pool;
        a.assignedAt = Instant.now();
        a.assignedBy = assignedBy;
        return a;
    }

    /** Projection of the holder only. */
    public record UserIdOnly(UUID userId) {
    }
}
