package dev.kaigi.integration.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.integration.provider.ProviderRejectedException;

import java.time.Instant;

/**
 * What an OAuth token endpoint answered (RFC 6749 §5.1). {@code refreshToken} is null when the provider
 * keeps the old one (Salesforce and Google on a refresh); {@code instanceUrl} is Salesforce's API host.
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt, String scope, String instanceUrl) {

    /** Salesforce does not say how long an access token lives; its sessions last two hours by default. */
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    /** Reads a token answer; one without an access token is a refusal, never a half-stored link. */
    public static OAuthTokens read(String provider, JsonNode token) {
        String access = token.path("access_token").asText("");
        if (access.isBlank()) {
            throw new ProviderRejectedException(provider, 200, "unreadable-answer");
        }
        String refresh = token.path("refresh_token").asText("");
        String instance = token.path("instance_url").asText("");
        return new OAuthTokens(access, refresh.isBlank() ? null : refresh,
                Instant.now().plusSeconds(token.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS)),
                token.path("scope").asText(null), instance.isBlank() ? null : instance);
    }

    @Override
    public String toString() {
        return "OAuthTokens[redacted, expiresAt=" + expiresAt + "]";
    }
}
