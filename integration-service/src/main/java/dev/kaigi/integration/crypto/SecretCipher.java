package dev.kaigi.integration.crypto;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts provider secrets (OAuth tokens, client secrets) before they reach the database: AES-256-GCM
 * with the key from {@code kaigi.crypto.key}, a random 96-bit IV per value, and the value's place
 * (table, column, row) as associated data, so a ciphertext copied to another row does not decrypt.
 * Stored layout: version byte, IV, ciphertext with tag.
 */
@ApplicationScoped
public class SecretCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @ConfigMapping(prefix = "kaigi.crypto")
    public interface CryptoConfig {
        /** Base64 of 32 random bytes; from {@code KAIGI_INTEGRATION_ENCRYPTION_KEY} outside tests. */
        String key();
    }

    @Inject
    public SecretCipher(CryptoConfig config) {
        this(Base64.getDecoder().decode(config.key().trim()));
    }

    public SecretCipher(byte[] rawKey) {
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("kaigi.crypto.key must be 32 bytes (base64), was " + rawKey.length);
        }
        this.key = new SecretKeySpec(rawKey, "AES");
    }

    public byte[] encrypt(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a secret", e);
        }
    }

    /** @throws IllegalStateException if the value was altered, moved or encrypted with another key */
    public String decrypt(byte[] stored, String context) {
        if (stored == null || stored.length < 1 + IV_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("not a secret of this service");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // never say more: the message could end up in a log
            throw new IllegalStateException("a stored secret could not be decrypted");
        }
    }
}
