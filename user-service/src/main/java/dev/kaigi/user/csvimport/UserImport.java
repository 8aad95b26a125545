package dev.kaigi.user.csvimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One CSV import of users (BLK-01…04) and its progress; the import history is these rows (BLK-02). */
@Entity
@Table(name = "user_import")
public class UserImport {

    /** ADD only creates users; UPSERT also updates users the file names (BLK-01). */
    public enum Mode { ADD, UPSERT }

    /** Rows matching an existing user by this key are skipped, not reported as failures (BLK-01). */
    public enum DuplicateKey { EMAIL, USER_ID }

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    @Id
    public UUID id;
    @Column(name = "org_id")
    public UUID orgId;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "file_name")
    public String fileName;
    @Enumerated(EnumType.STRING)
    public Mode mode;
    @Enumerated(EnumType.STRING)
    @Column(name = "skip_duplicates_by")
    public DuplicateKey skipDuplicatesBy;
    /** Language of the invitation mails of the users it adds. */
    public String locale;
    public String encoding;
    /** The column mapping the file was read with (BLK-06), so a resumed import reads it alike; null for none. */
    @Column(name = "column_mapping")
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> columnMapping;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "total_rows")
    public int totalRows;
    @Column(name = "processed_rows")
    public int processedRows;
    public int added;
    public int updated;
    public int skipped;
    public int failed;
    @Column(name = "failure_code")
    public String failureCode;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Version
    public long version;

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }
}
