package dev.kaigi.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * An event as a consumer saw it on Kafka: key, CloudEvents headers, JSON data, position, and when
 * the probe read it ({@link System#nanoTime()}), for latency measurements.
 */
public record ReceivedEvent(String topic, int partition, long offset, String key,
                            Map<String, String> headers, JsonNode data, long receivedAtNanos) {

    public String type() {
        return headers.get("ce_type");
    }

    public String id() {
        return headers.get("ce_id");
    }

    public String header(String name) {
        return headers.get(name);
    }
}
