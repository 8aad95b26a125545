package dev.kaigi.integration.provider;

/** A provider answered 401 to an API call: the access token expired or was revoked; refresh and try once more. */
public class TokenRejectedException extends ProviderRejectedException {

    public TokenRejectedException(String provider, String reason) {
        super(provider, 401, reason);
    }
}
