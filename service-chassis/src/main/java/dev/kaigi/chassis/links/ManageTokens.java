package dev.kaigi.chassis.links;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of a booking's manage link (MTG-02): HMAC-SHA-256 of the booking's id under a key
 * that scheduling-service and integration-service share ({@code KAIGI_MANAGE_LINK_SECRET}), as 43
 * URL-safe base64 characters (256 bits). scheduling-service stores only its SHA-256
 * ({@link #hash}) and finds the booking by it; integration-service derives the token from the
 * booking's id to put it in the lead's mails. So the token itself is never stored, never on the
 * broker, and never in an event: without the key, nothing Kaigi keeps or sends between services
 * gives it away. Thread-safe.
 */
public final class ManageTokens {

    private static final String HMAC = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    private ManageTokens(byte[] key) {
        this.key = new SecretKeySpec(key, HMAC);
    }

    /**
     * @param base64Key base64 of at least 32 random bytes, e.g. {@code openssl rand -base64 32}
     * @throws IllegalArgumentException when it is not base64 or too short to be a secret
     */
    public static ManageTokens withKey(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the manage link secret is not base64", e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the manage link secret must be at least " + MIN_KEY_BYTES + " bytes, was " + key.length);
        }
        return new ManageTokens(key);
    }

    /** The token of {@code bookingId}'s manage link. */
    public String tokenOf(UUID bookingId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] tag = mac.doFinal(("kaigi-manage-link:" + bookingId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is stored of a token and looked up by: its SHA-256. Any text hashes, so a tampered token simply finds nothing. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code token} has a token's shape (43 URL-safe base64 characters): anything else is not looked up. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != 43) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
