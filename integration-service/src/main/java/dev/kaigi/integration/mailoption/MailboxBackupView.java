package dev.kaigi.integration.mailoption;

import dev.kaigi.events.Nullable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A mailbox backup (INT-07, INT-09, INT-11): {@code IN_PROGRESS} while it copies (and while it waits to try an
 * unreachable server again), then {@code COMPLETED}, or {@code FAILED} with the reason.
 */
public record MailboxBackupView(UUID id, UUID userId, String kind, String status, String mailboxEmail,
                                UUID requestedBy, Instant requestedAt, Instant completedAt,
                                @Schema(description = "Messages copied so far") int messagesCopied,
                                @Schema(description = "Attempts that reached for the server") int attempts,
                                @Schema(description = "While IN_PROGRESS: why the last attempt stopped (imap-unreachable, imap-error)") @Nullable String retryReason,
                                @Schema(description = "retryReason, for a person, in the caller's language") String retryMessage,
                                @Schema(description = "When the next attempt starts") @Nullable Instant nextAttemptAt,
                                @Schema(description = "Why it FAILED: imap-login-failed, imap-tls-failed, imap-unreachable, imap-error, imap-not-saved, imap-password-unreadable") @Nullable String failureReason,
                                @Schema(description = "failureReason, for a person, in the caller's language") String failureMessage,
                                Instant failedAt) {
}
