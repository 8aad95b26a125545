package dev.kaigi.integration.connection;

/**
 * A provider's side of linking an account through the OAuth authorization-code flow. Implementations are
 * the typed clients ({@code SalesforceClient}, {@code GoogleCalendarClient}, {@code MicrosoftGraphClient});
 * token calls are never retried (a code is single use), the other calls are.
 */
public interface OAuthProvider {

    Provider provider();

    /** 503 {@code provider-not-configured} when this deployment has no client registration with the provider. */
    void requireConfigured();

    /** The page the user signs in on and grants our app access; {@code state} comes back with the code. */
    String authorizeUrl(String state);

    OAuthTokens exchangeCode(String code);

    OAuthTokens refresh(String refreshToken);

    /** The account behind a token just received. */
    LinkedAccount account(OAuthTokens tokens);

    /** Revokes the grant at the provider when it has an endpoint for it; best effort, callers ignore failures. */
    default void revoke(String accessToken, String refreshToken) {
    }
}
