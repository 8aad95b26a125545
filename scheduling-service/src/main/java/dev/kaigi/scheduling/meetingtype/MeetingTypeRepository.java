package dev.kaigi.scheduling.meetingtype;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MeetingTypeRepository implements PanacheRepositoryBase<MeetingType, UUID> {

    /** The meeting type if it belongs to {@code orgId}; another organization's does not exist here (ORG-01). */
    public Optional<MeetingType> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    public PanacheQuery<MeetingType> ofOrganization(UUID orgId) {
        return find("orgId", Sort.by("createdAt").and("id"), orgId);
    }

    public boolean nameTaken(UUID orgId, String name, UUID except) {
        return count("orgId = ?1 and name = ?2 and id <> ?3", orgId, name, except) > 0;
    }

    /** The pools of {@code typeIds}, each in its order, with each host's weight and priority (AVL-05). */
    public Map<UUID, Map<UUID, PoolShare>> pools(Collection<UUID> typeIds) {
        if (typeIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Map<UUID, PoolShare>> pools = new HashMap<>();
        getEntityManager()
                .createQuery("select meetingTypeId, userId, weight, priority from MeetingTypeHost where meetingTypeId in :ids "
                        + "order by position", Object[].class)
                .setParameter("ids", typeIds).getResultStream()
                .forEach(r -> pools.computeIfAbsent((UUID) r[0], t -> new LinkedHashMap<>())
                        .put((UUID) r[1], new PoolShare((Integer) r[2], (Integer) r[3])));
        return pools;
    }

    /**
     * One type's pool in its order, read as values only: {@link #replacePool} deletes the rows in bulk and
     * inserts new ones for the same hosts, which loaded entities would then clash with.
     */
    public Map<UUID, PoolShare> pool(UUID typeId) {
        return pools(List.of(typeId)).getOrDefault(typeId, Map.of());
    }

    /** Replaces the pool with {@code hosts}, in their order. */
    public void replacePool(MeetingType type, Map<UUID, PoolShare> hosts) {
        getEntityManager().createQuery("delete from MeetingTypeHost where meetingTypeId = :id")
                .setParameter("id", type.id).executeUpdate();
        int position = 0;
        for (Map.Entry<UUID, PoolShare> e : hosts.entrySet()) {
            MeetingTypeHost h = new MeetingTypeHost();
            h.meetingTypeId = type.id;
            h.userId = e.getKey();
            h.orgId = type.orgId;
            h.position = position++;
            h.weight = e.getValue().weight();
            h.priority = e.getValue().priority();
            getEntityManager().persist(h);
        }
    }
}
