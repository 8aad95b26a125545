package dev.kaigi.integration.mailoption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Mail-option users and their mailbox backups ({@code kaigi.mail-option.*}). */
@ConfigMapping(prefix = "kaigi.mail-option")
public interface MailOptionConfig {

    /** How often each instance looks for backups to run; {@code off} in tests, which run them themselves. */
    String backupWorkerEvery();

    Backup backup();

    interface Backup {

        /** Messages read per batch; each batch commits its copies and the folder's progress together. */
        @WithDefault("100")
        int batchSize();

        /** How long a backup stays with the instance that claimed it without a batch done; then another takes it on. */
        @WithDefault("5m")
        Duration lease();

        /** Attempts of a backup whose server was unreachable before it is FAILED. */
        @WithDefault("6")
        int maxAttempts();

        /** The wait after the first unreachable attempt, doubled after each further one. */
        @WithDefault("1m")
        Duration retryBackoff();

        @WithDefault("10s")
        Duration connectTimeout();

        @WithDefault("60s")
        Duration readTimeout();

        /** The IMAP hosts a user may name (a regular expression; application.properties says which and why). */
        String imapHostPattern();

        /** Whether a mailbox may be read without TLS ({@link ImapSecurity#NONE}): local and test servers only. */
        @WithDefault("false")
        boolean allowPlainImap();
    }
}
