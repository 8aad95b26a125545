package dev.kaigi.user.csvimport;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserImportRepository implements PanacheRepositoryBase<UserImport, UUID> {

    public Optional<UserImport> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    /** The import history, newest first (BLK-02). */
    public PanacheQuery<UserImport> history(UUID orgId) {
        return find("orgId = ?1", Sort.descending("createdAt").and("id", Sort.Direction.Descending), orgId);
    }

    /**
     * Locks the import for one chunk of work; empty when another worker (another instance) holds
     * it, so two workers never process the same rows.
     */
    public Optional<UserImport> lockForWork(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .firstResultOptional();
    }

    /** Keeps the decoded file of an import until it has finished (a restarted worker reads it again). */
    public void storeContent(UUID importId, String content) {
        getEntityManager().createNativeQuery("insert into user_import_file (import_id, content) values (?1, ?2)")
                .setParameter(1, importId).setParameter(2, content).executeUpdate();
    }

    public Optional<String> content(UUID importId) {
        return getEntityManager().createNativeQuery("select content from user_import_file where import_id = ?1", String.class)
                .setParameter(1, importId).getResultStream().findFirst().map(String.class::cast);
    }

    public void dropContent(UUID importId) {
        getEntityManager().createNativeQuery("delete from user_import_file where import_id = ?1")
                .setParameter(1, importId).executeUpdate();
    }

    public List<UUID> unfinished() {
        return find("status in ?1", Sort.by("createdAt"), List.of(UserImport.Status.QUEUED, UserImport.Status.RUNNING))
                .project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    /** Projection of the id only. */
    public record IdOnly(UUID id) {
    }
}
