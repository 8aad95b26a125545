package dev.kaigi.stack.simulators;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readable subject and text of a single-part mail as Quarkus Mailer sends it: headers unfolded,
 * RFC 2047 encoded words in the subject, a quoted-printable or base64 body (Japanese mails are both).
 */
record MailText(String subject, String text) {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    static MailText parse(String content) {
        int split = content.indexOf("\n\n");
        String headers = (split < 0 ? content : content.substring(0, split)).replaceAll("\n[ \t]+", " ");
        String body = split < 0 ? "" : content.substring(split + 2);
        String subject = "";
        String encoding = "";
        String charset = "UTF-8";
        for (String h : headers.split("\n")) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("subject:")) {
                subject = decodeWords(h.substring(8).trim());
            } else if (lower.startsWith("content-transfer-encoding:")) {
                encoding = lower.substring(26).trim();
            } else if (lower.startsWith("content-type:") && lower.contains("charset=")) {
                charset = h.substring(lower.indexOf("charset=") + 8).replaceAll("[\";].*$", "").replace("\"", "").trim();
            }
        }
        Charset cs = Charset.isSupported(charset) ? Charset.forName(charset) : StandardCharsets.UTF_8;
        String text = switch (encoding) {
            case "quoted-printable" -> new String(quotedPrintable(body.replaceAll("=\n", ""), false), cs);
            case "base64" -> new String(Base64.getMimeDecoder().decode(body), cs);
            default -> body;
        };
        return new MailText(subject, text.strip());
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
