package dev.kaigi.integration;

import dev.kaigi.integration.crypto.SecretCipher;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tokens at rest: AES-GCM with a random IV per value, bound to their place, refused when altered. */
class SecretCipherTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void roundTripsWithAFreshIvEachTime() {
        SecretCipher cipher = new SecretCipher(key());
        byte[] one = cipher.encrypt("secret-token", "zoom_connection/access/u1");
        byte[] two = cipher.encrypt("secret-token", "zoom_connection/access/u1");
        assertFalse(java.util.Arrays.equals(one, two), "random IV per value");
        assertEquals("secret-token", cipher.decrypt(one, "zoom_connection/access/u1"));
        assertEquals("secret-token", cipher.decrypt(two, "zoom_connection/access/u1"));
    }

    @Test
    void refusesAlteredMovedOrForeignCiphertexts() {
        byte[] rawKey = key();
        SecretCipher cipher = new SecretCipher(rawKey);
        byte[] sealed = cipher.encrypt("secret-token", "zoom_connection/access/u1");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "zoom_connection/access/u2"));
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(altered, "zoom_connection/access/u1"));
        assertThrows(IllegalStateException.class, () -> new SecretCipher(key()).decrypt(sealed, "zoom_connection/access/u1"));
        assertArrayEquals(sealed, sealed.clone());
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16]));
    }
}
