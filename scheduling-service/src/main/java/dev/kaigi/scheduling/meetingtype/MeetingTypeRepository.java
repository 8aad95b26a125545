package dev.kaigi.scheduling.meetingtype;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /** The pools of {@code typeIds}, each in its order. */
    public Map<UUID, List<UUID>> pools(Collection<UUID> typeIds) {
        if (typeIds.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("from MeetingTypeHost where meetingTypeId in :ids order by position", MeetingTypeHost.class)
                .setParameter("ids", typeIds).getResultStream()
                .collect(Collectors.groupingBy(h -> h.meetingTypeId, Collectors.mapping(h -> h.userId, Collectors.toList())));
    }

    /**
     * One type's pool in its order, read as ids only: {@link #replacePool} deletes the rows in bulk and
     * inserts new ones for the same hosts, which loaded entities would then clash with.
     */
    public List<UUID> poolIds(UUID typeId) {
        return getEntityManager()
                .createQuery("select userId from MeetingTypeHost where meetingTypeId = :id order by position", UUID.class)
                .setParameter("id", typeId).getResultList();
    }

    public void replacePool(MeetingType type, List<UUID> hosts) {
        getEntityManager().createQuery("delete from MeetingTypeHost where meetingTypeId = :id")
                .setParameter("id", type.id).executeUpdate();
        for (int i = 0; i < hosts.size(); i++) {
            MeetingTypeHost h = new MeetingTypeHost();
            h.meetingTypeId = type.id;
            h.userId = hosts.get(i);
            h.orgId = type.orgId;
            h.position = i;
            getEntityManager().persist(h);
        }
    }
}
