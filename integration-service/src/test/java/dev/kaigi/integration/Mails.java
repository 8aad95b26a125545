package dev.kaigi.integration;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads mails as the SMTP server received them: the text a person reads, and the attached calendar invitation. */
final class Mails {

    private Mails() {
    }

    /** The plain text of a mail, single-part or the text/plain part of a multipart one, with LF line ends. */
    static String text(MimeMessage mail) throws Exception {
        Part text = find(mail, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part"));
        return text.getContent().toString().replace("\r\n", "\n");
    }

    /** The text/calendar part, if the mail has one. */
    static Optional<Part> calendar(MimeMessage mail) throws Exception {
        return find(mail, "text/calendar");
    }

    /** The calendar part's content, decoded from its transfer encoding as UTF-8. */
    static String ics(Part calendar) throws Exception {
        try (InputStream in = calendar.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<Part> find(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return Optional.of(part);
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Optional<Part> found = find(body, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
