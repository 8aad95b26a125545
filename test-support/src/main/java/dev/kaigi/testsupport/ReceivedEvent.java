package dev.kaigi.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** An event as a consumer saw it on Kafka: key, CloudEvents headers, JSON data and position. */
public record ReceivedEvent(String topic, int partition, long offset, String key,
                            Map<String, String> headers, JsonNode data) {

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
