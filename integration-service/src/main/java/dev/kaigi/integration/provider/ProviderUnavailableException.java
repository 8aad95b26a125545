package dev.kaigi.integration.provider;

/**
 * A provider could not be reached, timed out, answered 5xx or rate-limited us (429): waiting helps.
 * Provider clients retry it; the REST API answers 503; event handlers turn it into
 * {@link dev.kaigi.chassis.inbox.DependencyUnavailableException} so the event is retried until the provider is back.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final String provider;

    public ProviderUnavailableException(String provider, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
    }

    public ProviderUnavailableException(String provider, String message) {
        this(provider, message, null);
    }

    public String provider() {
        return provider;
    }
}
