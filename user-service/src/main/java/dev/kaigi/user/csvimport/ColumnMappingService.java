package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The organization's saved CSV column mapping (BLK-06): read, replaced whole, removed; each change audited. */
@ApplicationScoped
public class ColumnMappingService {

    @Inject
    EntityManager em;
    @Inject
    OrganizationRepository organizations;
    @Inject
    AuditLog audit;

    /** The saved mapping; empty columns when the organization has none. */
    @Transactional
    public ColumnMappingView saved(UUID orgId) {
        return ColumnMappingView.of(em.find(SavedColumnMapping.class, orgId));
    }

    /** The saved mapping as an upload applies it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ColumnMapping ofOrganization(UUID orgId) {
        SavedColumnMapping saved = em.find(SavedColumnMapping.class, orgId);
        return saved == null ? ColumnMapping.NONE : ColumnMapping.stored(saved.columns);
    }

    /**
     * Replaces the saved mapping with {@code columns}, checked as an upload's is; {@code expectedVersion} (from
     * If-Match, may be null) must name the saved one's version.
     */
    @Transactional
    public ColumnMappingView save(Actor owner, Map<String, String> columns, Long expectedVersion) {
        ColumnMapping mapping = ColumnMapping.of(columns, "columns");
        organizations.lock(owner.orgId()); // two first saves of one organization create one row
        SavedColumnMapping saved = em.find(SavedColumnMapping.class, owner.orgId());
        requireVersion(saved, expectedVersion);
        Map<String, String> before = saved == null ? null : saved.columns;
        boolean first = saved == null;
        if (first) {
            saved = new SavedColumnMapping();
            saved.orgId = owner.orgId();
        }
        saved.columns = mapping.columns();
        saved.updatedAt = Instant.now();
        saved.updatedBy = owner.userId();
        if (first) {
            em.persist(saved);
        }
        em.flush(); // the answer's ETag is the version written
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.IMPORT_COLUMN_MAPPING_SAVED, null,
                before == null ? null : Map.of("columns", before), Map.of("columns", saved.columns));
        return ColumnMappingView.of(saved);
    }

    /** Removes the saved mapping; removing none changes nothing. */
    @Transactional
    public void delete(Actor owner, Long expectedVersion) {
        SavedColumnMapping saved = em.find(SavedColumnMapping.class, owner.orgId());
        requireVersion(saved, expectedVersion);
        if (saved == null) {
            return;
        }
        em.remove(saved);
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.IMPORT_COLUMN_MAPPING_DELETED, null,
                Map.of("columns", saved.columns), null);
    }

    private static void requireVersion(SavedColumnMapping saved, Long expected) {
        if (expected != null && (saved == null || saved.version != expected)) {
            throw new ProblemException(412, "precondition-failed");
        }
    }
}
