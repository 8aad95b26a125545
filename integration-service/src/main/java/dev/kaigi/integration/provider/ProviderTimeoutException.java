package dev.kaigi.integration.provider;

/**
 * A provider took the request but answered nothing in time: it may have done what was asked. Waiting helps, but
 * a call that creates something is not sent again blindly on it; the caller first asks the provider what it has.
 */
public class ProviderTimeoutException extends ProviderUnavailableException {

    public ProviderTimeoutException(String provider, String message, Throwable cause) {
        super(provider, message, cause);
    }
}
