package dev.kaigi.chassis.text;

/**
 * Which characters text sent to Kaigi may hold (SEC-03). PostgreSQL refuses U+0000 in text, and the
 * other C0 controls and DEL are never data: a client sending them is broken or probing. Tab, CR and LF
 * may appear in text that can span lines (a description, a message); a single-line value (a name, a
 * title, a subject, anything that may end up in a mail header) holds none of them either.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Whether {@code text} holds a character no text may hold: a C0 control other than tab, CR and LF, or DEL. */
    public static boolean inText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} holds a character a single line may not hold: any C0 control, DEL, or a Unicode
     * line or paragraph separator (U+0085, U+2028, U+2029), all of which mail and chat clients show as a break.
     */
    public static boolean inLine(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (breaksLine(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code c} may not stand in a single line ({@link #inLine}). */
    public static boolean breaksLine(char c) {
        return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** {@code text} with every character a single line may not hold replaced by U+FFFD, safe to show in an error. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(breaksLine(c) ? '\uFFFD' : c);
        }
        return out.toString();
    }
}
