package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2): attribute comparisons joined by {@code and}, {@code or},
 * {@code not} and parentheses; a value path {@code emails[type eq "work"]} is read as the
 * comparisons on its sub-attributes. Anything else is refused as {@code invalidFilter}.
 */
sealed interface ScimFilter {

    Set<String> OPERATORS = Set.of("eq", "ne", "co", "sw", "ew", "pr", "gt", "ge", "lt", "le");
    /** Longer filters are refused: a filter is a lookup, not a program. */
    int MAX_LENGTH = 2000;

    /** {@code attribute op value}; {@code value} is null for {@code pr}. */
    record Compare(String attribute, String op, JsonNode value) implements ScimFilter {
    }

    record And(ScimFilter left, ScimFilter right) implements ScimFilter {
    }

    record Or(ScimFilter left, ScimFilter right) implements ScimFilter {
    }

    record Not(ScimFilter inner) implements ScimFilter {
    }

    static ScimFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimProblems.invalidFilter("The filter is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            throw ScimProblems.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters.");
        }
        Parser p = new Parser(text);
        ScimFilter f = p.or(null);
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("unexpected '" + p.rest() + "'");
        }
        return f;
    }

    /** Recursive descent over the filter text: or ← and ← not / ( ) / comparison. */
    final class Parser {
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        ScimFilter or(String prefix) {
            ScimFilter left = and(prefix);
            while (keyword("or")) {
                left = new Or(left, and(prefix));
            }
            return left;
        }

        ScimFilter and(String prefix) {
            ScimFilter left = unary(prefix);
            while (keyword("and")) {
                left = new And(left, unary(prefix));
            }
            return left;
        }

        ScimFilter unary(String prefix) {
            skipSpace();
            if (keyword("not")) {
                skipSpace();
                expect('(');
                ScimFilter inner = nested(prefix);
                expect(')');
                return new Not(inner);
            }
            if (peek() == '(') {
                pos++;
                ScimFilter inner = nested(prefix);
                expect(')');
                return inner;
            }
            String attribute = attributePath();
            if (prefix != null) {
                attribute = prefix + "." + attribute;
            }
            skipSpace();
            if (peek() == '[') {
                if (prefix != null) {
                    throw error("a value path cannot be nested");
                }
                pos++;
                ScimFilter inner = nested(attribute);
                expect(']');
                return inner;
            }
            String op = word().toLowerCase(Locale.ROOT);
            if (!OPERATORS.contains(op)) {
                throw error("unknown operator '" + op + "'");
            }
            if (op.equals("pr")) {
                return new Compare(attribute, op, null);
            }
            skipSpace();
            return new Compare(attribute, op, value());
        }

        private ScimFilter nested(String prefix) {
            if (++depth > 20) {
                throw error("too deeply nested");
            }
            ScimFilter inner = or(prefix);
            depth--;
            skipSpace();
            return inner;
        }

        private String attributePath() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "_-:.$".indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            if (start == pos) {
                throw error("an attribute name is expected");
            }
            return s.substring(start, pos);
        }

        private JsonNode value() {
            if (peek() == '"') {
                return TextNode.valueOf(string());
            }
            String w = word();
            switch (w.toLowerCase(Locale.ROOT)) {
                case "true":
                    return BooleanNode.TRUE;
                case "false":
                    return BooleanNode.FALSE;
                case "null":
                    return NullNode.instance;
                default:
                    try {
                        return DecimalNode.valueOf(new BigDecimal(w));
                    } catch (NumberFormatException e) {
                        throw error("a value (\"string\", number, true, false or null) is expected, not '" + w + "'");
                    }
            }
        }

        /** A JSON string literal, escapes included. */
        private String string() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error("broken \\u escape");
                            }
                            try {
                                out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("broken \\u escape");
                            }
                            pos += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw error("a string is not closed");
        }

        private String word() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && "()[]\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected end");
            }
            return s.substring(start, pos);
        }

        /** Consumes {@code word} if it comes next as a whole word, case-insensitively. */
        private boolean keyword(String word) {
            skipSpace();
            int end = pos + word.length();
            if (end <= s.length() && s.regionMatches(true, pos, word, 0, word.length())
                    && (end == s.length() || Character.isWhitespace(s.charAt(end)) || s.charAt(end) == '(')) {
                pos = end;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("'" + c + "' expected");
            }
            pos++;
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        String rest() {
            return s.substring(pos, Math.min(s.length(), pos + 30));
        }

        RuntimeException error(String what) {
            return ScimProblems.invalidFilter("Invalid filter at position " + (pos + 1) + ": " + what + ".");
        }
    }
}
