package dev.kaigi.user.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/** Organizations, the tenants (ORG-01). */
@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** The organization, locked: super-admin changes and lifecycle checks of one organization run one at a time. */
    public Organization lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The organization's super admin (ORG-02). */
    public UUID superAdminOf(UUID id) {
        return findById(id).superAdminUserId;
    }
}
