package dev.kaigi.integration.mail;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.UUID;

/**
 * The {@code Message-ID} of a mail that is one side effect (RFC 5322): derived from the subject, the step and the
 * kind of mail, so a mail sent again after a crash is recognisably the same message, which mail clients show once.
 */
@ApplicationScoped
public class MessageIds {

    private final String domain;

    public MessageIds(@ConfigProperty(name = "quarkus.mailer.from") String from) {
        int at = from.lastIndexOf('@');
        this.domain = at < 0 ? "kaigi.invalid" : from.substring(at + 1).replaceAll("[>\\s]", "").toLowerCase(Locale.ROOT);
    }

    /** {@code <lead-mail.2.{subjectId}@domain>}; {@code recipient} tells apart the mails of one effect to several people. */
    public String of(UUID subjectId, int sequence, String kind, UUID recipient) {
        return "<" + kind.toLowerCase(Locale.ROOT).replace('_', '-') + "." + sequence + "." + subjectId
                + (recipient == null ? "" : "." + recipient) + "@" + domain + ">";
    }
}
