package dev.kaigi.integration.mailoption.backup;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One backed-up message to read (INT-11): its headers, its text, and the names of its attachments. */
public record BackedUpMessageView(BackedUpMessageSummary headers,
                                  @Schema(description = "The text/plain body; for an HTML-only message, its text without the markup") String text,
                                  @Schema(description = "File names of the attachments (the raw message has them)") List<String> attachments) {
}
