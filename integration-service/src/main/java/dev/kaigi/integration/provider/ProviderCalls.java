package dev.kaigi.integration.provider;

/**
 * The policy of the provider calls that are retried in the calling thread, as constants for the Fault Tolerance
 * annotations on each call: up to 3 retries of an outage, 200 ms, 400 ms, 800 ms apart (± 100 ms of jitter, so
 * instances that failed together do not retry together), 15 s at most per attempt (a connect, a read and a
 * {@code Retry-After} wait fit), 30 s in all. After that the caller's own retry takes over: an event waits in
 * its partition with the consumer's backoff.
 */
public final class ProviderCalls {

    public static final int RETRIES = 3;
    public static final long FIRST_DELAY_MS = 200;
    public static final long JITTER_MS = 100;
    public static final int BACKOFF_FACTOR = 2;
    public static final long MAX_DELAY_MS = 2_000;
    public static final long ATTEMPT_TIMEOUT_MS = 15_000;
    public static final long MAX_DURATION_MS = 30_000;

    private ProviderCalls() {
    }
}
