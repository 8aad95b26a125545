package dev.kaigi.user.account;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserAccount, UUID> {

    /** The user if they belong to {@code orgId}; another organization's user does not exist here (ORG-01). */
    public Optional<UserAccount> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    /** The user locked for the rest of the transaction, so status checks and changes cannot interleave. */
    public Optional<UserAccount> lockInOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public boolean emailInUse(String address) {
        return count("emailKey = ?1 and status <> ?2", UserAccount.emailKey(address), UserStatus.DELETED) > 0;
    }

    /**
     * USR-03: the organization's users in creation order, filtered; deleted users are listed only
     * when asked for by status.
     */
    public PanacheQuery<UserAccount> search(UUID orgId, UserFilter filter) {
        StringBuilder where = new StringBuilder("orgId = :org");
        Parameters params = Parameters.with("org", orgId);
        UserStatus status = filter.status();
        Role role = filter.role();
        UserType type = filter.userType();
        String text = filter.text();
        if (filter.teamId() != null) {
            where.append(" and :team member of teamIds");
            params.and("team", filter.teamId());
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        } else {
            where.append(" and status <> :deleted");
            params.and("deleted", UserStatus.DELETED);
        }
        if (role != null) {
            where.append(" and role = :role");
            params.and("role", role);
        }
        if (type != null) {
            where.append(" and userType = :type");
            params.and("type", type);
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(email) like :text or lower(lastName) like :text or lower(coalesce(firstName, '')) like :text)");
            params.and("text", "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return find(where.toString(), Sort.by("createdAt").and("id"), params);
    }
}
