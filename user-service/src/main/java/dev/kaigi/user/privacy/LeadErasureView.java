package dev.kaigi.user.privacy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * An erasure of a lead's personal data (SEC-04), named by the hash of the lead's email alone.
 *
 * @param leadEmailHash hex SHA-256 of the email trimmed and lower-cased: compare it with the hash of an address to
 *     see whether that lead was erased
 */
@Schema(name = "LeadErasure")
public record LeadErasureView(UUID id, String leadEmailHash, Instant erasedAt, UUID byUserId) {
}
