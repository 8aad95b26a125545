package dev.kaigi.integration.mailoption;

import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A mail-option user as an admin sees them (INT-06): the mailbox and sharing, the lock, and for a deactivated
 * user the state of their latest backup ({@code NONE}, {@code IN_PROGRESS}, {@code COMPLETED}; null while active).
 */
public record MailOptionUserView(UUID userId, String email, String name, String status, MailboxType mailboxType,
                                 String mailboxEmail, Sharing sharing, boolean locked, Instant settingsSavedAt,
                                 String backupStatus, Instant backupCompletedAt,
                                 @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The settings' version, also the ETag to send back as If-Match") long version,
                                 @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The IMAP mailbox a backup reads (INT-11); null until saved") @Nullable ImapConnectionView imap) {
}
