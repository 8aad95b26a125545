package dev.kaigi.events;

import java.util.List;
import java.util.Objects;

/** Kafka topic names: one topic per producing service. */
public final class Topics {

    public static final String USER = "kaigi.user.v1";
    public static final String SCHEDULING = "kaigi.scheduling.v1";
    public static final String LICENSING = "kaigi.licensing.v1";
    public static final String INTEGRATION = "kaigi.integration.v1";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The topic that receives the events of {@code topic} that a consumer could not process. */
    public static String deadLetter(String topic) {
        return Objects.requireNonNull(topic, "topic") + DEAD_LETTER_SUFFIX;
    }

    /** Every event topic (dead-letter topics excluded). */
    public static List<String> all() {
        return List.of(USER, SCHEDULING, LICENSING, INTEGRATION);
    }
}
