package dev.kaigi.integration.provider;

import dev.kaigi.chassis.problem.ProblemException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** How a provider's failure is told to an API caller: 503 while it is away, 502 when it answered nonsense. Never its raw answer. */
public final class ProviderFailures {

    private ProviderFailures() {
    }

    /**
     * True for failures that clear up by waiting: the provider away, slow (its answer or the call's
     * {@code @Timeout}), rate-limiting, or its circuit open.
     */
    public static boolean isTransient(Throwable e) {
        return e instanceof ProviderUnavailableException || e instanceof CircuitBreakerOpenException
                || e instanceof TimeoutException;
    }

    public static ProblemException toProblem(RuntimeException e, String provider) {
        if (isTransient(e)) {
            return new ProblemException(503, "provider-unavailable", provider);
        }
        return new ProblemException(502, "provider-error", provider);
    }
}
