package dev.kaigi.user.csvimport;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns an uploaded file into text the way people really make them (BLK-04): UTF-8 with or
 * without a byte-order mark, or Shift_JIS as Excel in Japan saves it (read as Windows-31J, its
 * superset with the NEC/IBM extensions). A file mixing both is refused with the first row that
 * disagrees, rather than imported with garbled names.
 */
public final class CsvDecoder {

    /** Decoded text and the encoding it was read in. */
    public record Decoded(String text, String encoding) {
    }

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvDecoder() {
    }

    public static Decoded decode(byte[] bytes) {
        if (startsWithBom(bytes)) {
            return new Decoded(strict(StandardCharsets.UTF_8, bytes, UTF8_BOM.length, "UTF-8"), "UTF-8 (BOM)");
        }
        if (isUtf8(bytes, 0, bytes.length)) {
            return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8");
        }
        requireOneEncoding(bytes);
        return new Decoded(strict(WINDOWS_31J, bytes, 0, "Shift_JIS"), "Shift_JIS");
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
    }

    /**
     * Shift_JIS text is almost never valid UTF-8 once it holds Japanese, so a file whose lines
     * with non-ASCII bytes are valid UTF-8 in some places and not in others mixes encodings (one
     * row pasted from another file). The error names the first line that disagrees with the first.
     */
    private static void requireOneEncoding(byte[] bytes) {
        Boolean firstIsUtf8 = null;
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (hasNonAscii(bytes, start, i)) {
                    boolean utf8 = isUtf8(bytes, start, i);
                    if (firstIsUtf8 == null) {
                        firstIsUtf8 = utf8;
                    } else if (firstIsUtf8 != utf8) {
                        throw new CsvFormatException(line, "csv-mixed-encoding");
                    }
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static boolean hasNonAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUtf8(byte[] bytes, int from, int to) {
        try {
            decoder(StandardCharsets.UTF_8).decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String strict(Charset charset, byte[] bytes, int offset, String name) {
        try {
            CharBuffer chars = decoder(charset).decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(lineOf(bytes, offset, charset), "csv-encoding", name);
        }
    }

    /** The line holding the first byte {@code charset} cannot read. */
    private static int lineOf(byte[] bytes, int offset, Charset charset) {
        int line = 1;
        int start = offset;
        for (int i = offset; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder(charset).decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    private static java.nio.charset.CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
