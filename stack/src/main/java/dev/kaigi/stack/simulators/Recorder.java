package dev.kaigi.stack.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * What reached the simulated providers, newest last: each Zoom meeting, calendar event, Slack message
 * and mail, so that a developer (and the end-to-end test) can see integration-service's side effects.
 * Each record is also printed as one line to the simulators' log ({@code ./kaigi logs simulators}).
 * Keeps the last {@value #KEPT} records.
 */
final class Recorder {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT = 500;

    private final Deque<ObjectNode> records = new ArrayDeque<>();

    /** Records one side effect; {@code kind} is e.g. zoom-meeting, google-event, slack-message, mail. */
    synchronized ObjectNode record(String kind, String summary) {
        ObjectNode r = JSON.createObjectNode().put("at", Instant.now().toString()).put("kind", kind).put("summary", summary);
        records.addLast(r);
        if (records.size() > KEPT) {
            records.removeFirst();
        }
        System.out.println("simulators: " + kind + ": " + summary);
        return r;
    }

    synchronized ArrayNode matching(Predicate<ObjectNode> filter) {
        ArrayNode out = JSON.createArrayNode();
        records.stream().filter(filter).forEach(out::add);
        return out;
    }
}
