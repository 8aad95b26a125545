package dev.kaigi.scheduling.host;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class HostRepository implements PanacheRepositoryBase<Host, UUID> {

    /** The host if they belong to {@code orgId}; another organization's user does not exist here (ORG-01). */
    public Optional<Host> inOrganization(UUID orgId, UUID userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResultOptional();
    }

    /** A current member of the organization (not deleted, removed or unknown to user-service). */
    public Optional<Host> member(UUID orgId, UUID userId) {
        return inOrganization(orgId, userId).filter(Host::isMember);
    }

    public List<Host> inOrganization(UUID orgId, Collection<UUID> userIds) {
        return userIds.isEmpty() ? List.of() : list("orgId = ?1 and userId in ?2", orgId, userIds);
    }
}
