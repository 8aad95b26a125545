package dev.kaigi.user.csvimport;

/**
 * The file cannot be read as a CSV of users (BLK-04). {@code row} is the 1-based row as a
 * spreadsheet shows it (the header is row 1); {@code reason} a stable code, {@code detail} the
 * offending value when there is one (a column name, an encoding).
 */
public class CsvFormatException extends RuntimeException {

    private final int row;
    private final String reason;
    private final String detail;

    public CsvFormatException(int row, String reason, String detail) {
        super("row " + row + ": " + reason + (detail == null ? "" : " (" + detail + ")"));
        this.row = row;
        this.reason = reason;
        this.detail = detail;
    }

    public CsvFormatException(int row, String reason) {
        this(row, reason, null);
    }

    public int row() {
        return row;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
