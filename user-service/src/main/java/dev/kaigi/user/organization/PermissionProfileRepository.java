package dev.kaigi.user.organization;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PermissionProfileRepository implements PanacheRepositoryBase<PermissionProfile, UUID> {

    public Optional<PermissionProfile> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    public List<PermissionProfile> ofOrganization(UUID orgId) {
        return list("orgId = ?1 order by createdAt, name", orgId);
    }
}
