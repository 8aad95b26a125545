package dev.kaigi.integration.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Our mails ({@code kaigi.mail.*}); the SMTP server itself is {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "kaigi.mail")
public interface MailConfig {

    /** The frontend's base URL; invitation links point at its pages. */
    String frontendUrl();

    /**
     * The key of the lead's manage links (base64 of at least 32 random bytes), shared with scheduling-service, which
     * finds the booking by the token's hash: the token is derived here from the booking id, never sent between services.
     */
    String manageLinkSecret();

    /** The language of mails to users whose language we do not know. */
    @WithDefault("ja")
    String defaultLocale();
}
