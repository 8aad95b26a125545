package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.lead-erased.v1}: an OWNER erased a lead's personal data (SEC-04). Every
 * service that keeps something about the lead forgets the person and keeps the times and counts. The
 * event names the lead by {@link #hashOf the hash of their email} only, so the topic does not keep the
 * address it asks to forget; a consumer matches it against the emails it holds. Events about the lead
 * that happened before {@code erasedAt} and are read again (a replay) must not bring the person back.
 *
 * @param erasureId the erasure, as user-service lists it
 * @param leadEmailHash {@link #hashOf} of the lead's email
 * @param erasedAt when the erasure was asked for; data about the lead from before it is erased
 * @param byUserId the OWNER who asked for it
 */
public record LeadErased(
        UUID orgId,
        UUID erasureId,
        String leadEmailHash,
        Instant erasedAt,
        UUID byUserId) implements EventPayload {

    /**
     * What an erased lead's name and email read as wherever a record or a later event still names the lead (a
     * booking's events after the erasure): not an address, so no service mails it, and the same in every service.
     */
    public static final String ERASED = "erased";

    public LeadErased {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(leadEmailHash, "leadEmailHash");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(byUserId, "byUserId");
    }

    /**
     * The lower-case hex SHA-256 of the email trimmed and lower-cased (ROOT locale), so every service
     * finds the same lead whatever case it was typed in. PostgreSQL computes the same with
     * {@code encode(sha256(convert_to(lower(trim(email)), 'UTF8')), 'hex')}.
     */
    public static String hashOf(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String partitionKey() {
        return orgId.toString(); // a lead is not a user: the organization's order
    }
}
