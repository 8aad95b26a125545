package dev.kaigi.integration.connection;

import dev.kaigi.integration.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** Puts a connection's tokens in and out of their encrypted columns, each bound to its row and column. */
@ApplicationScoped
public class ConnectionSecrets {

    @Inject
    SecretCipher cipher;

    /** Stores fresh tokens; a refresh that brought no new refresh token keeps the old one. */
    public void store(OAuthConnection c, OAuthTokens tokens) {
        c.accessTokenEnc = cipher.encrypt(tokens.accessToken(), context(c, "access"));
        if (tokens.refreshToken() != null) {
            c.refreshTokenEnc = cipher.encrypt(tokens.refreshToken(), context(c, "refresh"));
        }
        if (tokens.instanceUrl() != null) {
            c.instanceUrl = tokens.instanceUrl();
        }
        c.accessExpiresAt = tokens.expiresAt();
        c.scope = tokens.scope();
        c.updatedAt = Instant.now();
    }

    public String accessToken(OAuthConnection c) {
        return cipher.decrypt(c.accessTokenEnc, context(c, "access"));
    }

    /** Null when the provider gave none (then the link lasts as long as the access token). */
    public String refreshToken(OAuthConnection c) {
        return c.refreshTokenEnc == null ? null : cipher.decrypt(c.refreshTokenEnc, context(c, "refresh"));
    }

    private static String context(OAuthConnection c, String column) {
        return "oauth_connection/" + column + "/" + c.id;
    }
}
