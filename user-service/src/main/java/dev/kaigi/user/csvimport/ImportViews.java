package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.problem.ProblemMessages;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** How imports and their rows look in the API. */
public final class ImportViews {

    private ImportViews() {
    }

    @Schema(name = "UserImport", description = "A CSV import and its progress (BLK-01, BLK-02)")
    public record ImportView(
            UUID id,
            @Schema(example = "users.csv") String fileName,
            @Schema(example = "ADD") UserImport.Mode mode,
            @Schema(example = "EMAIL") UserImport.DuplicateKey skipDuplicatesBy,
            @Schema(description = "How the file was read", example = "Shift_JIS") String encoding,
            @Schema(example = "RUNNING") UserImport.Status status,
            @Schema(description = "Data rows in the file") int totalRows,
            @Schema(description = "Rows handled so far") int processedRows,
            int added, int updated, int skipped, int failed,
            @Schema(description = "Why a FAILED import stopped, e.g. licensing-unavailable") String failureCode,
            UUID createdBy, Instant createdAt, Instant startedAt, Instant finishedAt) {

        public static ImportView of(UserImport i) {
            return new ImportView(i.id, i.fileName, i.mode, i.skipDuplicatesBy, i.encoding, i.status, i.totalRows,
                    i.processedRows, i.added, i.updated, i.skipped, i.failed, i.failureCode, i.createdBy, i.createdAt,
                    i.startedAt, i.finishedAt);
        }
    }

    @Schema(name = "UserImportIssue", description = "A row that was not imported, and why (BLK-02)")
    public record IssueView(
            @Schema(description = "The row as a spreadsheet numbers it; the header is row 1", example = "7") int row,
            @Schema(example = "SKIPPED") RowOutcome.Kind outcome,
            @Schema(description = "Stable reason code", example = "no-seat-left") String reason,
            @Schema(description = "The column at fault, if one is", example = "email") String field,
            @Schema(example = "hana.sato@acme.example") String email,
            @Schema(description = "The reason in the caller's language") String message) {

        public static IssueView of(ImportIssue issue, Locale locale) {
            return new IssueView(issue.rowNumber, issue.outcome, issue.reason, issue.field, issue.email,
                    ProblemMessages.text(locale, "import." + issue.reason));
        }
    }
}
