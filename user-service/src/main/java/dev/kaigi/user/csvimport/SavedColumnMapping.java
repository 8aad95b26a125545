package dev.kaigi.user.csvimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An organization's saved CSV column mapping (BLK-06): column name to profile field, null to ignore the column. */
@Entity
@Table(name = "import_column_mapping")
public class SavedColumnMapping {

    @Id
    @Column(name = "org_id")
    public UUID orgId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> columns;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public UUID updatedBy;
    @Version
    public long version;
}
