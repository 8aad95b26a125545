package dev.kaigi.integration.mailoption.backup;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A backed-up message as a list shows it: its headers and whose mailbox and which leads it came from (INT-11). */
public record BackedUpMessageSummary(UUID id,
                                     @Schema(description = "The user whose mailbox was backed up") UUID mailboxUserId,
                                     UUID backupId, String folder,
                                     @Schema(description = "The Message-ID header") String messageId,
                                     String from, List<String> to, List<String> cc, String subject,
                                     @Schema(description = "The Date header") Instant sentAt,
                                     @Schema(description = "The organization's leads the message was exchanged with") List<String> leads,
                                     @Schema(description = "The raw message's size") int sizeBytes) {
}
