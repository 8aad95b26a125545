package dev.kaigi.integration.mail;

import dev.kaigi.integration.provider.LastProviderCalls;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.ProviderUnavailableException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Sends one plain-text mail, with an attachment or none, through SMTP (Quarkus Mailer, INT-05). A server that is away or answers
 * with a temporary (4xx) reply is {@link ProviderUnavailableException}, retried; a permanent (5xx)
 * refusal of the mail is {@link ProviderRejectedException}. A mail that is a side effect carries its own
 * {@code Message-ID} ({@link MessageIds}), the same on every attempt. Bodies are never logged.
 */
@ApplicationScoped
public class MailSender {

    static final String PROVIDER = "smtp";

    /** A file sent with the text, e.g. a calendar invitation ({@code text/calendar; method=REQUEST}). */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    @Inject
    Mailer mailer;
    @Inject
    LastProviderCalls lastCalls;

    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public void send(String messageId, String to, String replyTo, MailTemplates.Rendered content, Attachment attachment) {
        Mail mail = Mail.withText(to, content.subject(), content.body());
        if (messageId != null) {
            mail.addHeader("Message-ID", messageId);
        }
        if (attachment != null) {
            mail.addAttachment(attachment.fileName(), attachment.content(), attachment.contentType());
        }
        if (replyTo != null && !replyTo.isBlank()) {
            mail.setReplyTo(replyTo);
        }
        try {
            mailer.send(mail);
            lastCalls.answered(PROVIDER, 250);
        } catch (RuntimeException e) {
            if (permanentRefusal(e)) {
                lastCalls.answered(PROVIDER, 550);
                throw new ProviderRejectedException(PROVIDER, 550, "mail-refused");
            }
            ProviderUnavailableException unavailable = new ProviderUnavailableException(PROVIDER,
                    "mail not accepted: " + e.getClass().getSimpleName(), e);
            lastCalls.failed(PROVIDER, unavailable);
            throw unavailable;
        }
    }

    /** SMTP 5xx replies (unknown mailbox, policy) surface in the message as "550 ...", "553 ...". */
    private static boolean permanentRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.matches("(?s).*\\b5[0-5][0-9][ -].*") && !message.contains("Connection")) {
                return true;
            }
        }
        return false;
    }
}
