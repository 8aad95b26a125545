package dev.kaigi.scheduling.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WorkScheduleRepository implements PanacheRepositoryBase<WorkSchedule, UUID> {

    public Optional<WorkSchedule> ofUser(UUID orgId, UUID userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResultOptional();
    }

    public List<WorkSchedule> ofUsers(UUID orgId, Collection<UUID> userIds) {
        return userIds.isEmpty() ? List.of() : list("orgId = ?1 and userId in ?2", orgId, userIds);
    }

    /** The organization's default schedule, if an OWNER set one (SCH-05). */
    public Optional<WorkSchedule> organizationDefault(UUID orgId) {
        return find("orgId = ?1 and userId is null", orgId).firstResultOptional();
    }
}
