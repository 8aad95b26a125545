package dev.kaigi.integration.provider;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each provider's last call went, in this instance's memory: answered (with the status, a refusal included: the
 * provider was there) or failed (unreachable, timed out, 5xx, 429). What the providers health check reports; nothing
 * of the request or the answer is kept but the outcome.
 */
@ApplicationScoped
public class LastProviderCalls {

    /** One provider's last call: when, whether it failed, and what came of it. */
    public record LastCall(Instant at, boolean failed, String outcome) {
    }

    private final Map<String, LastCall> byProvider = new ConcurrentHashMap<>();

    public void answered(String provider, int status) {
        byProvider.put(provider, new LastCall(Instant.now(), false, "answered " + status));
    }

    public void failed(String provider, ProviderUnavailableException failure) {
        byProvider.put(provider, new LastCall(Instant.now(), true, failure.getMessage()));
    }

    /** The providers called since start, by name. */
    public Map<String, LastCall> byProvider() {
        return new TreeMap<>(byProvider);
    }
}
