package dev.kaigi.integration.connection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.integration.provider.ProviderHttp;
import dev.kaigi.integration.provider.ProviderRejectedException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an OAuth token endpoint answered (RFC 6749 §5.1). {@code refreshToken} is null when the provider
 * keeps the old one (Salesforce and Google on a refresh); {@code instanceUrl} is Salesforce's API host.
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt, String scope, String instanceUrl) {

    /** Salesforce does not say how long an access token lives; its sessions last two hours by default. */
    private static final long DEFAULT_LIFETIME_SECONDS = 3600;

    /**
     * {@code POST} to a token endpoint with the client's credentials in the form (RFC 6749 §2.3.1), as
     * Salesforce, Google and Microsoft take them. Not retried: codes and rotating refresh tokens are single use.
     */
    public static OAuthTokens request(ProviderHttp http, String provider, String tokenUrl, String clientId,
                                      String clientSecret, Map<String, String> grant) {
        Map<String, String> form = new LinkedHashMap<>(grant);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return read(provider, http.expect(http.request(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(ProviderHttp.formBody(form)).build(), 200));
    }

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
