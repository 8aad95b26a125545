package dev.kaigi.scheduling.distribution;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AVL-06's CSV export: RFC 4180 quoting, and text a spreadsheet would run as a formula defused. */
class CsvCellsTest {

    @Test
    @DisplayName("AVL-06 CSV: a text cell starting with =, +, -, @, tab or CR gets a leading '; others are left as they are")
    void formulaInjection() {
        assertEquals("\"'=HYPERLINK(\"\"https://evil.example\"\")\"", CsvCells.text("=HYPERLINK(\"https://evil.example\")"));
        assertEquals("'=1+2", CsvCells.text("=1+2"));
        assertEquals("'+81 3 1234", CsvCells.text("+81 3 1234"));
        assertEquals("'-Hana", CsvCells.text("-Hana"));
        assertEquals("'@SUM(A1)", CsvCells.text("@SUM(A1)"));
        assertEquals("'\tcmd", CsvCells.text("\tcmd"));
        assertEquals("\"'\rcmd\"", CsvCells.text("\rcmd"), "a CR is escaped, then quoted");
        assertEquals("Sato", CsvCells.text("Sato"));
        assertEquals("a=b", CsvCells.text("a=b"), "only the first character counts");
        assertEquals("佐藤", CsvCells.text("佐藤"));
        assertEquals("", CsvCells.text(null));
        assertEquals("", CsvCells.text(""));
    }

    @Test
    @DisplayName("AVL-06 CSV: RFC 4180: a cell with a comma, a quote, CR or LF is quoted with its quotes doubled; lines end in CRLF")
    void quoting() {
        assertEquals("\"Sato, Hana\"", CsvCells.text("Sato, Hana"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.text("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvCells.text("two\nlines"));
        assertEquals("\"'-a, \"\"b\"\"\"", CsvCells.text("-a, \"b\""));
        assertEquals("-5", CsvCells.number(-5), "numbers Kaigi writes are no formula");
        assertEquals("0.25", CsvCells.number(0.25));
        assertEquals("", CsvCells.number(null));
        assertEquals("a,,\"b,c\"\r\n", CsvCells.line(Arrays.asList("a", "", "\"b,c\"")));
        assertEquals("\r\n", CsvCells.line(List.of()));
    }
}
