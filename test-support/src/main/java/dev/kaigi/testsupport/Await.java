package dev.kaigi.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for an eventually consistent outcome (an event applied, a row written) without fixed sleeps. */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(String what, Callable<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("not within " + timeout + ": " + what, last);
    }

    public static void until(String what, Callable<Boolean> condition) {
        until(what, condition, Duration.ofSeconds(30));
    }
}
