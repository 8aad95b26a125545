package dev.kaigi.chassis.inbox;

/**
 * Thrown by an {@link EventHandler} when a system it must call (an identity provider, a mail
 * server, a partner API) is unreachable or answers 5xx. Like a database outage this clears up by
 * waiting, so the consumer retries the event for as long as it takes instead of dead-lettering it.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DependencyUnavailableException(String message) {
        super(message);
    }
}
