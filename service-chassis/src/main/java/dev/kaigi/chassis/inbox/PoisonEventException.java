package dev.kaigi.chassis.inbox;

/** An event that can never be applied however often it is retried (unreadable headers or data): it goes straight to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
