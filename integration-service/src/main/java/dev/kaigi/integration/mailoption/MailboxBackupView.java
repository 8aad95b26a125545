package dev.kaigi.integration.mailoption;

import java.time.Instant;
import java.util.UUID;

/** A mailbox backup (INT-07, INT-09): {@code IN_PROGRESS}, then {@code COMPLETED}. */
public record MailboxBackupView(UUID id, UUID userId, String kind, String status, String mailboxEmail,
                                UUID requestedBy, Instant requestedAt, Instant completedAt) {
}
