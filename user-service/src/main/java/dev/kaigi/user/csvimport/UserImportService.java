package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.csvimport.ImportViews.ImportView;
import dev.kaigi.user.csvimport.ImportViews.IssueView;
import dev.kaigi.user.security.Actor;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Accepting an import file (BLK-04) and reading the import history (BLK-02). */
@ApplicationScoped
public class UserImportService {

    /**
     * What the owner asked for along with the file.
     *
     * @param columnMapping the upload's own column mapping (BLK-06), checked by {@link ColumnMapping#of}; empty for none
     */
    public record Options(String fileName, UserImport.Mode mode, UserImport.DuplicateKey skipDuplicatesBy, String locale,
            Map<String, String> columnMapping) {
    }

    /** The recorded import and the file as read, which the worker can start from without reading it again. */
    public record Accepted(ImportView job, ImportFile file) {
    }

    @Inject
    UserImportRepository imports;
    @Inject
    ImportIssueRepository issues;
    @Inject
    AuditLog audit;
    @Inject
    ColumnMappingService columnMappings;

    /**
     * Reads the whole file, its header by the upload's column mapping over the organization's saved one
     * (BLK-06), and records the import as QUEUED; the worker then imports it. A file that cannot be read,
     * or that the mapping does not fit, is refused here, whole, with its row (400), and nothing is recorded.
     */
    @Transactional
    public Accepted accept(Actor owner, byte[] content, Options options) {
        ColumnMapping upload = ColumnMapping.stored(options.columnMapping());
        ColumnMapping mapping = columnMappings.ofOrganization(owner.orgId()).overriddenBy(upload);
        CsvDecoder.Decoded text;
        ImportFile file;
        try {
            text = CsvDecoder.decode(content);
            file = ImportFile.read(text.text(), text.encoding(), mapping);
        } catch (CsvFormatException e) {
            throw new ProblemException(400, e.reason(), List.of(new FieldViolation("file", e.reason(), null)),
                    e.row(), e.detail() == null ? "" : e.detail());
        }
        for (String column : upload.columns().keySet()) {
            if (!file.hasColumnNamed(column)) { // a misspelt column would otherwise leave its field out unnoticed
                throw ProblemException.invalidField("mapping." + column, "column-not-in-file");
            }
        }
        UserImport job = new UserImport();
        job.id = UUID.randomUUID();
        job.orgId = owner.orgId();
        job.createdBy = owner.userId();
        job.fileName = options.fileName();
        job.mode = options.mode();
        job.skipDuplicatesBy = options.skipDuplicatesBy();
        job.locale = options.locale();
        job.encoding = text.encoding();
        job.columnMapping = mapping.isEmpty() ? null : mapping.columns();
        job.status = UserImport.Status.QUEUED;
        job.totalRows = file.rows().size();
        job.createdAt = Instant.now();
        imports.persist(job);
        imports.storeContent(job.id, text.text());
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.USERS_IMPORTED, null, null,
                Map.of("importId", job.id, "fileName", String.valueOf(job.fileName), "rows", job.totalRows, "mode", job.mode));
        return new Accepted(ImportView.of(job), file);
    }

    @Transactional
    public Page<ImportView> history(UUID orgId, PageRequest page) {
        PanacheQuery<UserImport> query = imports.history(orgId);
        return Page.of(query.page(page.page(), page.size()).list(), page, query.count()).map(ImportView::of);
    }

    @Transactional
    public ImportView get(UUID orgId, UUID id) {
        return ImportView.of(job(orgId, id));
    }

    /** The rows of the import not imported, their reasons in {@code locale}. */
    @Transactional
    public Page<IssueView> issues(UUID orgId, UUID id, RowOutcome.Kind outcome, PageRequest page, Locale locale) {
        job(orgId, id);
        PanacheQuery<ImportIssue> query = issues.ofImport(id, outcome);
        return Page.of(query.page(page.page(), page.size()).list(), page, query.count()).map(i -> IssueView.of(i, locale));
    }

    private UserImport job(UUID orgId, UUID id) {
        return imports.inOrganization(orgId, id).orElseThrow(() -> ProblemException.notFound("import"));
    }
}
