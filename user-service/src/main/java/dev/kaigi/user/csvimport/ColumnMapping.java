package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.text.ControlCharacters;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BLK-06: the file's own column names mapped to profile fields, beside the built-in English and Japanese
 * header names ({@link ImportColumn}), which still name every column a mapping leaves out. A column mapped to
 * nothing ({@code null}) is ignored. An upload's mapping wins over the organization's saved one, column by
 * column. Whether the mapped file still has its required fields, and each field once, {@link ImportFile}
 * checks with the header, before any row is imported.
 */
public final class ColumnMapping {

    public static final ColumnMapping NONE = new ColumnMapping(Map.of());
    static final int MAX_COLUMNS = 100;
    static final int MAX_NAME_LENGTH = 200;

    /** By normalised column name: the field, or empty to ignore the column. */
    private final Map<String, Optional<ImportColumn>> byColumn;
    /** The mapping as given, for storing and showing it. */
    private final Map<String, String> asGiven;

    private ColumnMapping(Map<String, String> asGiven) {
        this.asGiven = Collections.unmodifiableMap(new LinkedHashMap<>(asGiven));
        Map<String, Optional<ImportColumn>> resolved = new LinkedHashMap<>();
        asGiven.forEach((column, field) -> resolved.put(ImportColumn.normalize(column),
                field == null ? Optional.empty() : ImportColumn.ofField(field)));
        this.byColumn = resolved;
    }

    /**
     * Checks and reads a mapping from a request; refuses (400, naming {@code field} and the column) an empty or
     * overlong column name, a field that is not a profile field, and two columns mapped to one field.
     */
    public static ColumnMapping of(Map<String, String> columns, String field) {
        if (columns == null) {
            return NONE;
        }
        if (columns.size() > MAX_COLUMNS) {
            throw ProblemException.invalidField(field, "too-many-columns", MAX_COLUMNS);
        }
        Map<ImportColumn, String> mappedFrom = new EnumMap<>(ImportColumn.class);
        Set<String> normalised = new HashSet<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : columns.entrySet()) {
            String column = entry.getKey().strip();
            String path = field + "." + column;
            if (column.isEmpty() || column.length() > MAX_NAME_LENGTH || ControlCharacters.inText(column)) {
                throw ProblemException.invalidField(field, "invalid-column-name");
            }
            if (!normalised.add(ImportColumn.normalize(column))) {
                throw ProblemException.invalidField(path, "column-mapped-twice");
            }
            String target = entry.getValue();
            if (target == null || target.isBlank()) {
                given.put(column, null);
                continue;
            }
            ImportColumn profileField = ImportColumn.ofField(target)
                    .orElseThrow(() -> ProblemException.invalidField(path, "unknown-profile-field"));
            if (mappedFrom.put(profileField, column) != null) {
                throw ProblemException.invalidField(path, "field-mapped-twice", profileField.header());
            }
            given.put(column, profileField.header());
        }
        return new ColumnMapping(given);
    }

    /** A mapping stored after {@link #of} checked it. */
    static ColumnMapping stored(Map<String, String> columns) {
        return columns == null || columns.isEmpty() ? NONE : new ColumnMapping(columns);
    }

    /** This mapping, with {@code over}'s columns replacing this one's. */
    public ColumnMapping overriddenBy(ColumnMapping over) {
        if (over.asGiven.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        asGiven.forEach((column, field) -> {
            if (!over.byColumn.containsKey(ImportColumn.normalize(column))) {
                merged.put(column, field);
            }
        });
        merged.putAll(over.asGiven);
        return new ColumnMapping(merged);
    }

    /** Whether the mapping says what the column {@code header} holds. */
    boolean names(String header) {
        return byColumn.containsKey(ImportColumn.normalize(header));
    }

    /** The field of a column the mapping {@link #names}: empty when the column is to be ignored. */
    Optional<ImportColumn> fieldOf(String header) {
        return byColumn.get(ImportColumn.normalize(header));
    }

    /** Column name to field name ({@code null}: ignored), as given. */
    public Map<String, String> columns() {
        return asGiven;
    }

    public boolean isEmpty() {
        return asGiven.isEmpty();
    }
}
