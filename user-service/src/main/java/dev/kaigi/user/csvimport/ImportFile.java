package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.text.ControlCharacters;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An uploaded users file, read whole before anything is imported (BLK-04): decoded, parsed,
 * header checked, every row's cell count checked and every cell checked for control characters
 * (SEC-03: tab and line breaks may stand in a cell, U+0000 and the other C0 controls may not). Whatever is wrong with the file itself is
 * refused here with its row, so an import never stops half-way over a broken file.
 */
public final class ImportFile {

    /** A data row's cells by column; absent columns and empty cells are null. */
    public record Row(int row, Map<ImportColumn, String> cells) {

        public String get(ImportColumn column) {
            return cells.get(column);
        }
    }

    public static final int MAX_ROWS = 50_000;

    private final String encoding;
    private final List<String> header;
    private final List<ImportColumn> columns;
    private final List<Row> rows;

    private ImportFile(String encoding, List<String> header, List<ImportColumn> columns, List<Row> rows) {
        this.encoding = encoding;
        this.header = header;
        this.columns = columns;
        this.rows = rows;
    }

    public static ImportFile read(byte[] bytes) {
        CsvDecoder.Decoded decoded = CsvDecoder.decode(bytes);
        return read(decoded.text(), decoded.encoding(), ColumnMapping.NONE);
    }

    /**
     * Reads already decoded text (an import resumed after a restart reads its stored text again), its header
     * by {@code mapping} first and the built-in header names then (BLK-06).
     */
    public static ImportFile read(String text, String encoding, ColumnMapping mapping) {
        List<CsvParser.Row> records = CsvParser.parse(text);
        if (records.isEmpty()) {
            throw new CsvFormatException(1, "csv-empty");
        }
        CsvParser.Row header = records.get(0);
        List<ImportColumn> columns = columns(header, mapping);
        if (records.size() == 1) {
            throw new CsvFormatException(1, "csv-no-rows");
        }
        if (records.size() - 1 > MAX_ROWS) {
            throw new CsvFormatException(MAX_ROWS + 2, "csv-too-many-rows", String.valueOf(MAX_ROWS));
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (CsvParser.Row record : records.subList(1, records.size())) {
            if (record.fields().size() != columns.size()) {
                throw new CsvFormatException(record.row(), "csv-cell-count",
                        record.fields().size() + "/" + columns.size());
            }
            Map<ImportColumn, String> cells = new EnumMap<>(ImportColumn.class);
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i) == null) {
                    continue; // a column the mapping ignores
                }
                String value = record.fields().get(i).replace("\r\n", "\n").replace('\r', '\n').strip();
                if (ControlCharacters.inText(value)) {
                    throw new CsvFormatException(record.row(), "csv-control-character", columns.get(i).header());
                }
                if (!value.isEmpty()) {
                    cells.put(columns.get(i), value);
                }
            }
            rows.add(new Row(record.row(), cells));
        }
        return new ImportFile(encoding, List.copyOf(header.fields()), columns, rows);
    }

    /** The field of each column in order; null for a column the mapping ignores. */
    private static List<ImportColumn> columns(CsvParser.Row header, ColumnMapping mapping) {
        List<ImportColumn> columns = new ArrayList<>();
        Map<ImportColumn, String> seen = new HashMap<>();
        for (String name : header.fields()) {
            ImportColumn column = mapping.names(name) ? mapping.fieldOf(name).orElse(null) : ImportColumn.ofHeader(name)
                    .orElseThrow(() -> new CsvFormatException(1, "csv-unknown-column", name.strip()));
            if (column == null) {
                columns.add(null);
                continue;
            }
            if (seen.put(column, name) != null) {
                throw new CsvFormatException(1, "csv-duplicate-column", name.strip());
            }
            columns.add(column);
        }
        for (ImportColumn column : ImportColumn.values()) {
            if (column.required() && !seen.containsKey(column)) {
                throw new CsvFormatException(1, "csv-missing-column", column.header());
            }
        }
        return columns;
    }

    public String encoding() {
        return encoding;
    }

    public boolean has(ImportColumn column) {
        return columns.contains(column);
    }

    /** Whether the header has a column named {@code name}, as a column mapping would name it. */
    public boolean hasColumnNamed(String name) {
        return header.stream().anyMatch(h -> ImportColumn.normalize(h).equals(ImportColumn.normalize(name)));
    }

    public List<Row> rows() {
        return rows;
    }
}
