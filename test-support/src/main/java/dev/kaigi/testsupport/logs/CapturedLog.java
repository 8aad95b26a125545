package dev.kaigi.testsupport.logs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything the service under test logs while open (it runs in the test's JVM), with
 * the service's own categories ({@code dev.kaigi}) opened down to DEBUG, so a secret logged only at
 * debug level is caught too. {@link #assertContainsNone} fails naming each secret that leaked and
 * the line it leaked in.
 */
public final class CapturedLog implements AutoCloseable {

    /** Logged through the service's logging at DEBUG when the capture starts: seeing it proves the capture hears DEBUG. */
    private static final String MARKER = "log capture started";

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    private final Logger own = Logger.getLogger("dev.kaigi");
    private final Level ownLevelBefore = own.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(render(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        own.setLevel(Level.FINE);
        Logger.getLogger("dev.kaigi.testsupport.logs").fine(MARKER);
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Fails when any captured line (message, parameters or stack trace) contains one of the named secrets. */
    public void assertContainsNone(Map<String, String> secretsByName) {
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            secretsByName.forEach((name, secret) -> {
                if (secret != null && !secret.isEmpty() && line.contains(secret)) {
                    leaks.add(name + " in: " + line.lines().findFirst().orElse(""));
                }
            });
        }
        assertTrue(leaks.isEmpty(), leaks.size() + " secrets in the log (" + lines.size() + " lines read):\n" + String.join("\n", leaks));
        assertTrue(lines.stream().anyMatch(l -> l.contains(MARKER)),
                "the capture did not hear its own DEBUG line: it is not wired to the service's logging");
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        own.setLevel(ownLevelBefore);
    }

    private static String render(LogRecord record) {
        StringBuilder out = new StringBuilder(record.getLevel() + " [" + record.getLoggerName() + "] " + record.getMessage());
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                out.append(" | ").append(p);
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.append('\n').append(trace);
        }
        return out.toString();
    }
}
