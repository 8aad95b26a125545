package dev.kaigi.chassis.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A check of another system, asked again at most once per {@code maxAge}: the health endpoint may be polled every
 * few seconds by several watchers without each poll reaching out. The probe bounds its own wait (a short timeout),
 * so a caller waits at most that long, and only when the last answer is too old; one that fails is DOWN with its
 * reason, never an exception out of the endpoint.
 */
public final class CachedCheck {

    private final String name;
    private final Duration maxAge;
    private final Supplier<HealthCheckResponse> probe;
    private HealthCheckResponse last;
    private long askedAtNanos;

    public CachedCheck(String name, Duration maxAge, Supplier<HealthCheckResponse> probe) {
        this.name = name;
        this.maxAge = maxAge;
        this.probe = probe;
    }

    public synchronized HealthCheckResponse get() {
        long now = System.nanoTime();
        if (last == null || now - askedAtNanos >= maxAge.toNanos()) {
            last = ask();
            askedAtNanos = System.nanoTime();
        }
        return last;
    }

    private HealthCheckResponse ask() {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(name).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
