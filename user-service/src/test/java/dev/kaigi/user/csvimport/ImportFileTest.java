package dev.kaigi.user.csvimport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BLK-04: CSV files as people really make them are read; broken ones are refused with their row. */
class ImportFileTest {

    private static final Charset SJIS = Charset.forName("windows-31j");

    private static byte[] bom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return withBom;
    }

    private static CsvFormatException refused(byte[] bytes) {
        return assertThrows(CsvFormatException.class, () -> ImportFile.read(bytes));
    }

    @Test
    @DisplayName("BLK-04: UTF-8 with a BOM, LF line ends")
    void utf8WithBom() {
        ImportFile file = ImportFile.read(bom("email,lastName,firstName\nhana@acme.example,佐藤,花子\n"));
        assertEquals("UTF-8 (BOM)", file.encoding());
        assertEquals(1, file.rows().size());
        assertEquals("hana@acme.example", file.rows().get(0).get(ImportColumn.EMAIL), "the BOM is not part of the first header");
        assertEquals("佐藤", file.rows().get(0).get(ImportColumn.LAST_NAME));
    }

    @Test
    @DisplayName("BLK-04: Shift_JIS from Excel: Japanese headers, CRLF, quoted commas, quotes and line breaks")
    void shiftJisFromExcel() {
        String csv = "メールアドレス,姓,名,メール署名,問合せ先\r\n"
                + "ken@acme.example,田中,健,\"株式会社アクメ\r\n営業部 田中\",\"03-1234-5678, 内線 12\"\r\n"
                + "yui@acme.example,高橋,結衣,\"「\"\"至急\"\"」対応\",\r\n";
        ImportFile file = ImportFile.read(csv.getBytes(SJIS));
        assertEquals("Shift_JIS", file.encoding());
        List<ImportFile.Row> rows = file.rows();
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).row());
        assertEquals("株式会社アクメ\n営業部 田中", rows.get(0).get(ImportColumn.EMAIL_SIGNATURE), "line breaks kept, as LF");
        assertEquals("03-1234-5678, 内線 12", rows.get(0).get(ImportColumn.CONTACT));
        assertEquals(3, rows.get(1).row(), "a quoted line break does not shift later row numbers");
        assertEquals("「\"至急\"」対応", rows.get(1).get(ImportColumn.EMAIL_SIGNATURE));
        assertNull(rows.get(1).get(ImportColumn.CONTACT), "an empty cell is no value");
    }

    @Test
    @DisplayName("BLK-04: headers match ignoring case, spaces and underscores; blank trailing lines are ignored")
    void lenientHeaders() {
        ImportFile file = ImportFile.read("E-Mail Address ,LAST_NAME,user type\r\na@acme.example,A,team\r\n\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(file.has(ImportColumn.USER_TYPE));
        assertFalse(file.has(ImportColumn.ROLE));
        assertEquals(1, file.rows().size());
    }

    @Test
    @DisplayName("BLK-04: a file mixing UTF-8 and Shift_JIS rows is refused at the first row that differs")
    void mixedEncodings() {
        byte[] utf8 = "email,lastName\nhana@acme.example,佐藤\n".getBytes(StandardCharsets.UTF_8);
        byte[] sjis = "ken@acme.example,田中\n".getBytes(SJIS);
        byte[] mixed = new byte[utf8.length + sjis.length];
        System.arraycopy(utf8, 0, mixed, 0, utf8.length);
        System.arraycopy(sjis, 0, mixed, utf8.length, sjis.length);
        CsvFormatException e = refused(mixed);
        assertEquals("csv-mixed-encoding", e.reason());
        assertEquals(3, e.row());
    }

    @Test
    @DisplayName("BLK-04: broken quoting is refused with the row where it starts")
    void brokenQuoting() {
        CsvFormatException unclosed = refused("email,lastName\na@x.example,A\nb@x.example,\"B\nc@x.example,C\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-unclosed-quote", unclosed.reason());
        assertEquals(3, unclosed.row());
        CsvFormatException stray = refused("email,lastName\na@x.example,A\"B\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-stray-quote", stray.reason());
        assertEquals(2, stray.row());
        CsvFormatException after = refused("email,lastName\na@x.example,\"A\"B\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-text-after-quote", after.reason());
    }

    @Test
    @DisplayName("BLK-04: wrong columns and wrong cell counts are refused with their row")
    void wrongShape() {
        assertEquals("csv-empty", refused(new byte[0]).reason());
        assertEquals("csv-no-rows", refused("email,lastName\r\n".getBytes(StandardCharsets.UTF_8)).reason());
        CsvFormatException unknown = refused("email,lastName,shoeSize\na@x.example,A,27\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-unknown-column", unknown.reason());
        assertEquals("shoeSize", unknown.detail());
        CsvFormatException missing = refused("email,firstName\na@x.example,A\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-missing-column", missing.reason());
        assertEquals("lastName", missing.detail());
        assertEquals("csv-duplicate-column", refused("email,lastName,メールアドレス\na,b,c\n".getBytes(StandardCharsets.UTF_8)).reason());
        CsvFormatException cells = refused("email,lastName\na@x.example,A\nb@x.example,B,extra\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-cell-count", cells.reason());
        assertEquals(3, cells.row());
        assertEquals("3/2", cells.detail());
    }

    @Test
    @DisplayName("SEC-03: a cell with U+0000 or another control character is refused with its row and column; tabs and line breaks stay")
    void controlCharactersInCells() {
        CsvFormatException nul = refused("email,lastName,firstName\na@x.example,A,B\nb@x.example,Ya\u0000ma,C\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("csv-control-character", nul.reason());
        assertEquals(3, nul.row());
        assertEquals("lastName", nul.detail());
        assertEquals("csv-control-character",
                refused("email,lastName\n\"a@x.example\u001b[31m\",A\n".getBytes(StandardCharsets.UTF_8)).reason());
        ImportFile multiLine = ImportFile.read("email,lastName,address\na@x.example,A,\"1-2-3\tChiyoda\r\nTokyo\"\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("1-2-3\tChiyoda\nTokyo", multiLine.rows().get(0).get(ImportColumn.ADDRESS));
    }

    @Test
    @DisplayName("BLK-04: bytes that are neither UTF-8 nor Shift_JIS are refused")
    void unreadableBytes() {
        byte[] bytes = "email,lastName\na@x.example,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0x85; // a Shift_JIS lead byte followed by an invalid trail byte
        bad[bytes.length + 1] = (byte) 0x0A;
        CsvFormatException e = refused(bad);
        assertEquals("csv-encoding", e.reason());
        assertEquals(2, e.row());
    }
}
