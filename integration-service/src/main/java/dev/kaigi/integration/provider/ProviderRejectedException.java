package dev.kaigi.integration.provider;

/**
 * A provider refused the request or answered something we cannot read: trying again the same way will
 * not help. The REST API answers 502 (or 400 when the user's own input, e.g. an OAuth code, was refused).
 *
 * @see #reason() the provider's stable error code when it gave one ({@code invalid_grant}, {@code channel_not_found})
 */
public class ProviderRejectedException extends RuntimeException {

    private final String provider;
    private final int status;
    private final String reason;

    public ProviderRejectedException(String provider, int status, String reason) {
        super(provider + " refused the request: " + status + (reason == null ? "" : " " + reason));
        this.provider = provider;
        this.status = status;
        this.reason = reason;
    }

    public String provider() {
        return provider;
    }

    /** The HTTP status, or 200 for an error reported in a successful answer (Slack's {@code ok:false}). */
    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
