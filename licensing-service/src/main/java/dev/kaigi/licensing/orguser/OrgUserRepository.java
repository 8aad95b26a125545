package dev.kaigi.licensing.orguser;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrgUserRepository implements PanacheRepositoryBase<OrgUser, UUID> {

    /** The user, only if they belong to {@code orgId}: another organization's user does not exist here (ORG-01). */
    public Optional<OrgUser> inOrganization(UUID orgId, UUID userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResultOptional();
    }

    /** Records what user-service announced; later announcements win. */
    public void upsert(UUID orgId, UUID userId, UserType type, UserStatus status) {
        upsert(orgId, userId, type, status, null);
    }

    /**
     * Same, with the role the event carries (null keeps the known one); one statement per event,
     * which writes nothing when the row already says so (an imported user's seat batch recorded
     * them moments before their user-joined arrives).
     */
    public void upsert(UUID orgId, UUID userId, UserType type, UserStatus status, Role role) {
        getEntityManager().createNativeQuery("""
                        insert into org_user (user_id, org_id, user_type, status, updated_at, role) values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (user_id) do update set user_type = excluded.user_type, status = excluded.status,
                                                            updated_at = excluded.updated_at,
                                                            role = coalesce(excluded.role, org_user.role)
                        where (org_user.user_type, org_user.status, org_user.role)
                              is distinct from (excluded.user_type, excluded.status, coalesce(excluded.role, org_user.role))
                        """)
                .setParameter(1, userId).setParameter(2, orgId).setParameter(3, type.name())
                .setParameter(4, status.name()).setParameter(5, Instant.now())
                .setParameter(6, role == null ? null : role.name()).executeUpdate();
    }

    /** Records a user user-service is about to announce, without overwriting what its events already said. */
    public void upsertIfAbsent(UUID orgId, UUID userId, UserType type, UserStatus status) {
        getEntityManager().createNativeQuery("""
                        insert into org_user (user_id, org_id, user_type, status, updated_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (user_id) do nothing
                        """)
                .setParameter(1, userId).setParameter(2, orgId).setParameter(3, type.name())
                .setParameter(4, status.name()).setParameter(5, Instant.now()).executeUpdate();
    }

    public void setStatus(UUID orgId, UUID userId, UserStatus status) {
        update("status = ?3, updatedAt = ?4 where orgId = ?1 and userId = ?2", orgId, userId, status, Instant.now());
    }

    public void setRole(UUID orgId, UUID userId, Role role) {
        update("role = ?3, updatedAt = ?4 where orgId = ?1 and userId = ?2", orgId, userId, role, Instant.now());
    }

    public void setType(UUID orgId, UUID userId, UserType type) {
        update("userType = ?3, updatedAt = ?4 where orgId = ?1 and userId = ?2", orgId, userId, type, Instant.now());
    }
}
