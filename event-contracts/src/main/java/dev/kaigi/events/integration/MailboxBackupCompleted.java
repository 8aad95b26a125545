package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.integration.mailbox-backup-completed.v1}: a deactivated user's mailbox backup reached
 * {@code COMPLETED} (INT-07).
 */
public record MailboxBackupCompleted(
        UUID orgId,
        UUID userId,
        UUID backupId,
        Instant completedAt) implements EventPayload {

    public MailboxBackupCompleted {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(backupId, "backupId");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
