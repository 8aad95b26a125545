package dev.kaigi.user.csvimport;

import dev.kaigi.events.Nullable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * The organization's saved CSV column mapping (BLK-06).
 *
 * @param columns   the file's column name to the profile field it holds ({@code lastName}); null ignores the column
 * @param updatedAt when it was last saved; null when none is saved
 * @param version   what the ETag names; null when none is saved
 */
@Schema(name = "ImportColumnMapping")
public record ColumnMappingView(
        @Schema(required = true, example = "{\"メール\": \"email\", \"氏\": \"lastName\", \"名\": \"firstName\"}") Map<String, String> columns,
        @Nullable Instant updatedAt,
        @Nullable Long version) {

    static ColumnMappingView of(SavedColumnMapping saved) {
        return saved == null ? new ColumnMappingView(Map.of(), null, null)
                : new ColumnMappingView(saved.columns, saved.updatedAt, saved.version);
    }
}
