package dev.kaigi.testsupport.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.json.runtime.JsonFormatter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything the service under test logs while open (it runs in the test's JVM), with
 * the service's own categories ({@code dev.kaigi}) opened down to DEBUG, so a secret logged only at
 * debug level is caught too. Each line is kept twice: as plain text, and as the JSON line production writes
 * (the services' own JSON formatter, with the logging context of the thread that logged it).
 * {@link #assertContainsNone} fails naming each secret that leaked and the line it leaked in.
 */
public final class CapturedLog implements AutoCloseable {

    /** Logged through the service's logging at DEBUG when the capture starts: seeing it proves the capture hears DEBUG. */
    private static final String MARKER = "log capture started";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> jsonLines = new ConcurrentLinkedQueue<>();
    private final Formatter jsonFormatter = new JsonFormatter();
    private final Logger root = Logger.getLogger("");
    private final Logger own = Logger.getLogger("dev.kaigi");
    private final Level ownLevelBefore = own.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(render(record));
            // formatted here, on the logging thread, while its logging context (MDC) is the record's
            jsonLines.add(jsonFormatter.format(record));
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

    /** The lines as JSON, each as production writes it: {@code message}, {@code level}, {@code mdc}, {@code exception}, ... */
    public List<JsonNode> jsonLines() {
        return jsonLines.stream().map(CapturedLog::parse).toList();
    }

    /**
     * Fails when any captured line contains one of the named secrets: the plain line (message, parameters or stack
     * trace) or the JSON line (any of its values, unescaped: message, logging context, exception and frames).
     */
    public void assertContainsNone(Map<String, String> secretsByName) {
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            leaks.addAll(leaksIn(line, line.lines().findFirst().orElse(""), secretsByName));
        }
        for (String json : jsonLines) {
            leaks.addAll(leaksIn(textOf(parse(json)), "(JSON) " + json.strip(), secretsByName));
        }
        assertTrue(leaks.isEmpty(), leaks.size() + " secrets in the log (" + lines.size() + " lines read, as text and as JSON):\n"
                + String.join("\n", leaks));
        assertTrue(lines.stream().anyMatch(l -> l.contains(MARKER)) && jsonLines.stream().anyMatch(l -> l.contains(MARKER)),
                "the capture did not hear its own DEBUG line: it is not wired to the service's logging");
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        own.setLevel(ownLevelBefore);
    }

    private static List<String> leaksIn(String text, String shown, Map<String, String> secretsByName) {
        List<String> leaks = new ArrayList<>();
        secretsByName.forEach((name, secret) -> {
            if (secret != null && !secret.isEmpty() && text.contains(secret)) {
                leaks.add(name + " in: " + shown);
            }
        });
        return leaks;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("the JSON formatter wrote no JSON: " + json, e);
        }
    }

    /** Every name and value of a JSON line, unescaped, one a line: what a reader of the log would see. */
    private static String textOf(JsonNode node) {
        StringBuilder text = new StringBuilder();
        if (node.isObject()) {
            node.properties().forEach(f -> text.append(f.getKey()).append('\n').append(textOf(f.getValue())));
        } else if (node.isArray()) {
            node.forEach(element -> text.append(textOf(element)));
        } else {
            text.append(node.asText()).append('\n');
        }
        return text.toString();
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
