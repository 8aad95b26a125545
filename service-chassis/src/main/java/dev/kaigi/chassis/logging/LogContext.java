package dev.kaigi.chassis.logging;

import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Some {@link LogKeys} set for a stretch of work on this thread, and given back their earlier values when it ends
 * ({@link #close}), so nothing of one event stays on the thread for the next. Quarkus keeps the MDC in the Vert.x
 * duplicated context of a request and in a thread local elsewhere (consumer threads), so restoring is what keeps a
 * pooled thread clean.
 */
public final class LogContext implements AutoCloseable {

    private final Map<String, String> values = new LinkedHashMap<>();
    private Map<String, Object> before;

    private LogContext() {
    }

    /** A context to fill with {@link #with} and then {@link #enter}. */
    public static LogContext of() {
        return new LogContext();
    }

    /** Adds a key; a null value leaves the key out (it is removed while the context is entered). */
    public LogContext with(String key, Object value) {
        values.put(key, value == null ? null : value.toString());
        return this;
    }

    /** Sets the keys; {@link #close} puts back what they held before. */
    public LogContext enter() {
        before = new HashMap<>();
        values.forEach((key, value) -> {
            before.put(key, MDC.get(key));
            put(key, value);
        });
        return this;
    }

    @Override
    public void close() {
        if (before != null) {
            before.forEach(LogContext::put);
            before = null;
        }
    }

    /** Removes the keys from this thread's (or request's) context. */
    public static void clear(String... keys) {
        for (String key : keys) {
            MDC.remove(key);
        }
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
