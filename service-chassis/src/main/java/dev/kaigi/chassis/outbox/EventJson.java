package dev.kaigi.chassis.outbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON of event payloads. Unlike request bodies, incoming events may carry fields this service
 * does not know yet (a producer released first), so unknown properties are ignored here.
 */
@ApplicationScoped
public class EventJson {

    private final ObjectMapper mapper;

    @Inject
    public EventJson(ObjectMapper quarkusMapper) {
        this.mapper = quarkusMapper.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    }

    public String write(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("event payload is not serializable: " + payload.getClass().getName(), e);
        }
    }

    public <T> T read(byte[] json, Class<T> type) throws IOException {
        return mapper.readValue(json, type);
    }
}
