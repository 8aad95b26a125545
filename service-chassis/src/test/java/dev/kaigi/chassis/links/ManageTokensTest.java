package dev.kaigi.chassis.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MTG-02: the manage link's token, as both services derive it. */
class ManageTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void mtg02TokenIs256BitsOfUrlSafeTextStablePerBookingAndKey() {
        UUID booking = UUID.randomUUID();
        String token = ManageTokens.withKey(KEY).tokenOf(booking);
        assertEquals(43, token.length());
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertTrue(ManageTokens.wellFormed(token));
        assertEquals(token, ManageTokens.withKey(KEY).tokenOf(booking), "integration-service derives the same token");
        assertNotEquals(token, ManageTokens.withKey(KEY).tokenOf(UUID.randomUUID()));
        assertNotEquals(token, ManageTokens.withKey(OTHER_KEY).tokenOf(booking), "another key, another token");
    }

    @Test
    void mtg02OnlyTheHashIsKeptAndAnyTextHashes() {
        String token = ManageTokens.withKey(KEY).tokenOf(UUID.randomUUID());
        assertEquals(32, ManageTokens.hash(token).length);
        assertArrayEquals(ManageTokens.hash(token), ManageTokens.hash(token));
        assertEquals(32, ManageTokens.hash("\u0000\uD800 not a token").length);
    }

    @Test
    void mtg02MalformedTokensAreNotLookedUp() {
        String token = ManageTokens.withKey(KEY).tokenOf(UUID.randomUUID());
        assertFalse(ManageTokens.wellFormed(null));
        assertFalse(ManageTokens.wellFormed(token.substring(1)));
        assertFalse(ManageTokens.wellFormed(token + "A"));
        assertFalse(ManageTokens.wellFormed(token.substring(1) + "="));
        assertFalse(ManageTokens.wellFormed(token.substring(1) + "\u0000"));
    }

    @Test
    void aShortOrMalformedKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ManageTokens.withKey(null));
        assertThrows(IllegalArgumentException.class, () -> ManageTokens.withKey("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> ManageTokens.withKey("not base64!"));
    }
}
