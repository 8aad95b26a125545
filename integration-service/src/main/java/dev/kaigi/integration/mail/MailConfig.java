package dev.kaigi.integration.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Our mails ({@code kaigi.mail.*}); the SMTP server itself is {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "kaigi.mail")
public interface MailConfig {

    /** The frontend's base URL; invitation links point at its pages. */
    String frontendUrl();

    /** The language of mails to users whose language we do not know. */
    @WithDefault("ja")
    String defaultLocale();
}
