package dev.kaigi.user.csvimport;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheets write it (BLK-04): comma-separated, CRLF or LF (or old Mac CR)
 * line ends, fields optionally in double quotes, which may hold commas, line breaks and doubled
 * quotes. Anything else is refused with its row, never guessed at: a quote inside an unquoted
 * field, text after a closing quote, a quote never closed.
 */
public final class CsvParser {

    /** One record; {@code row} counts records from 1 (the header), as a spreadsheet numbers its rows. */
    public record Row(int row, List<String> fields) {

        /** A line with nothing on it; spreadsheets leave these at the end of a file. */
        boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private final String text;
    private int pos;
    private int row = 1;

    private CsvParser(String text) {
        this.text = text;
    }

    /** Every record of {@code text}, blank lines left out. */
    public static List<Row> parse(String text) {
        return new CsvParser(text).rows();
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        while (pos < text.length()) {
            Row r = new Row(row, record());
            if (!r.isBlank()) {
                rows.add(r);
            }
            row++;
        }
        return rows;
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(pos < text.length() && text.charAt(pos) == '"' ? quoted() : unquoted());
            if (pos >= text.length()) {
                return fields;
            }
            char c = text.charAt(pos);
            if (c == ',') {
                pos++;
                if (pos >= text.length()) {
                    fields.add("");
                    return fields;
                }
            } else {
                skipLineEnd();
                return fields;
            }
        }
    }

    private String unquoted() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                throw new CsvFormatException(row, "csv-stray-quote");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        int startRow = row;
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new CsvFormatException(startRow, "csv-unclosed-quote");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    value.append('"');
                    pos++;
                    continue;
                }
                if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                    throw new CsvFormatException(startRow, "csv-text-after-quote");
                }
                return value.toString();
            }
            value.append(c); // line breaks inside quotes belong to the value; the record keeps its row number
        }
    }

    private void skipLineEnd() {
        if (text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
    }
}
