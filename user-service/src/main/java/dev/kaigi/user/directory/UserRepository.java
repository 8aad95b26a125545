package dev.kaigi.user.directory;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import java.util.Optional;
import java.util.UUID;

/** The organizations' users. */
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

    /** Saves a new user; a concurrent add of the same address loses on the unique index (ORG-05). */
    public void persistNew(UserAccount u) {
        try {
            persistAndFlush(u);
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw ProblemException.conflict("email-taken");
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The user if they belong to {@code orgId} and are not deleted; 404 otherwise (ORG-01). */
    public UserAccount liveInOrganization(UUID orgId, UUID id) {
        return inOrganization(orgId, id).filter(u -> u.status != UserStatus.DELETED).orElseThrow(() -> ProblemException.notFound("user"));
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
