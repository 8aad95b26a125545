package dev.kaigi.user.csvimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A row of an import that was skipped or failed, with its reason (BLK-02). */
@Entity
@Table(name = "user_import_issue")
@IdClass(ImportIssue.Key.class)
public class ImportIssue {

    /** The row of an import. */
    public record Key(UUID importId, int rowNumber) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "import_id")
    public UUID importId;
    @Id
    @Column(name = "row_number")
    public int rowNumber;
    @Enumerated(EnumType.STRING)
    public RowOutcome.Kind outcome;
    public String reason;
    public String field;
    public String email;

    static ImportIssue of(UUID importId, RowOutcome outcome) {
        ImportIssue issue = new ImportIssue();
        issue.importId = importId;
        issue.rowNumber = outcome.row();
        issue.outcome = outcome.kind();
        issue.reason = outcome.reason();
        issue.field = outcome.field();
        issue.email = outcome.email();
        return issue;
    }
}
