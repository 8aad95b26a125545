package dev.kaigi.stack.simulators;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable subject and text of a mail as Quarkus Mailer sends it: headers unfolded, RFC 2047 encoded words in
 * the subject, a quoted-printable or base64 body (Japanese mails are both); of a multipart mail the text/plain part,
 * and the method of an attached calendar invitation ({@code REQUEST}, {@code CANCEL}), if there is one.
 */
record MailText(String subject, String text, String calendarMethod) {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final Pattern PARAMETER = Pattern.compile(";\\s*([A-Za-z-]+)=\"?([^\";]*)\"?");

    static MailText parse(String content) {
        int split = content.indexOf("\n\n");
        String headers = (split < 0 ? content : content.substring(0, split)).replaceAll("\n[ \t]+", " ");
        String body = split < 0 ? "" : content.substring(split + 2);
        String subject = header(headers, "subject");
        String type = header(headers, "content-type");
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return new MailText(decodeWords(subject), decode(headers, body).strip(), null);
        }
        String text = "";
        String method = null;
        for (String part : body.split("(?m)^--" + Pattern.quote(parameter(type, "boundary")) + "(--)?\\s*$")) {
            int partSplit = part.strip().isEmpty() ? -1 : part.indexOf("\n\n");
            if (partSplit < 0) {
                continue;
            }
            String partHeaders = part.substring(0, partSplit).strip().replaceAll("\n[ \t]+", " ");
            String partType = header(partHeaders, "content-type").toLowerCase(Locale.ROOT);
            if (partType.startsWith("text/plain") && text.isEmpty()) {
                text = decode(partHeaders, part.substring(partSplit + 2)).strip();
            } else if (partType.startsWith("text/calendar")) {
                method = parameter(header(partHeaders, "content-type"), "method");
            }
        }
        return new MailText(decodeWords(subject), text, method);
    }

    /** The value of header {@code name} (lower case) in unfolded headers; empty when absent. */
    private static String header(String headers, String name) {
        for (String h : headers.split("\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith(name + ":")) {
                return h.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private static String parameter(String value, String name) {
        Matcher m = PARAMETER.matcher(value);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return m.group(2).trim();
            }
        }
        return "";
    }

    /** A body in its transfer encoding and charset, as text. */
    private static String decode(String headers, String body) {
        String charset = parameter(header(headers, "content-type"), "charset");
        Charset cs = !charset.isEmpty() && Charset.isSupported(charset) ? Charset.forName(charset) : StandardCharsets.UTF_8;
        return switch (header(headers, "content-transfer-encoding").toLowerCase(Locale.ROOT)) {
            case "quoted-printable" -> new String(quotedPrintable(body.replaceAll("=\n", ""), false), cs);
            case "base64" -> new String(Base64.getMimeDecoder().decode(body.strip()), cs);
            default -> body;
        };
    }

    private static String decodeWords(String header) {
        Matcher m = ENCODED_WORD.matcher(header.replaceAll("\\?=\\s+=\\?", "?==?"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset cs = Charset.isSupported(m.group(1)) ? Charset.forName(m.group(1)) : StandardCharsets.UTF_8;
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3)) : quotedPrintable(m.group(3), true);
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, cs)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] quotedPrintable(String s, boolean underscoreIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && isHex(s, i + 1) && isHex(s, i + 2)) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '_' && underscoreIsSpace) {
                out.write(' ');
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
