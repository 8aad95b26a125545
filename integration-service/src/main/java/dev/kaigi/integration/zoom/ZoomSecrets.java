package dev.kaigi.integration.zoom;

import dev.kaigi.integration.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** Puts a connection's tokens in and out of their encrypted columns, each bound to its row and column. */
@ApplicationScoped
public class ZoomSecrets {

    @Inject
    SecretCipher cipher;

    public void store(ZoomConnection c, ZoomClient.Tokens tokens) {
        c.accessTokenEnc = cipher.encrypt(tokens.accessToken(), context(c, "access"));
        c.refreshTokenEnc = cipher.encrypt(tokens.refreshToken(), context(c, "refresh"));
        c.accessExpiresAt = tokens.expiresAt();
        c.scope = tokens.scope();
        c.updatedAt = Instant.now();
    }

    public String accessToken(ZoomConnection c) {
        return cipher.decrypt(c.accessTokenEnc, context(c, "access"));
    }

    public String refreshToken(ZoomConnection c) {
        return cipher.decrypt(c.refreshTokenEnc, context(c, "refresh"));
    }

    private static String context(ZoomConnection c, String column) {
        return "zoom_connection/" + column + "/" + c.userId;
    }
}
