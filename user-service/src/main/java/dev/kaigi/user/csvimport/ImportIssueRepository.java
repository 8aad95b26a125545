package dev.kaigi.user.csvimport;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class ImportIssueRepository implements PanacheRepositoryBase<ImportIssue, ImportIssue.Key> {

    /** An import's skipped and failed rows in file order, optionally only one outcome. */
    public PanacheQuery<ImportIssue> ofImport(UUID importId, RowOutcome.Kind outcome) {
        return outcome == null
                ? find("importId = ?1", Sort.by("rowNumber"), importId)
                : find("importId = ?1 and outcome = ?2", Sort.by("rowNumber"), importId, outcome);
    }
}
