package dev.kaigi.integration.mailoption.backup;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What a person reads of a raw message: the plain text (or the HTML's text), and the attachments' names. */
record MessageText(String text, List<String> attachments) {

    private static final Session PARSING = Session.getInstance(new Properties());

    static MessageText of(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
            List<String> attachments = new ArrayList<>();
            String[] found = new String[2]; // text/plain, text/html
            walk(message, found, attachments);
            String text = found[0] != null ? found[0] : found[1] == null ? null : withoutMarkup(found[1]);
            return new MessageText(text, attachments);
        } catch (MessagingException | IOException e) {
            return new MessageText(null, List.of()); // a message no parser reads is still there as raw
        }
    }

    private static void walk(Part part, String[] found, List<String> attachments) throws MessagingException, IOException {
        if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.add(part.getFileName() == null ? "" : part.getFileName());
        } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), found, attachments);
            }
        } else if (part.isMimeType("text/plain") && found[0] == null) {
            found[0] = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && found[1] == null) {
            found[1] = String.valueOf(part.getContent());
        }
    }

    private static String withoutMarkup(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("[ \\t]+", " ").trim();
    }
}
