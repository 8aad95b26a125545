package dev.kaigi.scheduling.distribution;

import java.util.List;

/**
 * One line of a CSV export (RFC 4180: fields separated by commas, a field holding a comma, a double quote,
 * CR or LF quoted with its quotes doubled, lines ended by CRLF). Text cells that a spreadsheet would read
 * as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR) get a leading
 * {@code '}, so a host's name cannot run in the reader's spreadsheet; numbers Kaigi writes itself are left
 * as they are.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** A text cell: escaped against formula injection, then quoted as RFC 4180 needs. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String safe = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        return quoted(safe);
    }

    /** A number or other value Kaigi formats itself; null is an empty cell. */
    static String number(Object value) {
        return value == null ? "" : quoted(value.toString());
    }

    /** The cells as one line, CRLF included. */
    static String line(List<String> cells) {
        return String.join(",", cells) + "\r\n";
    }

    private static String quoted(String value) {
        boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
