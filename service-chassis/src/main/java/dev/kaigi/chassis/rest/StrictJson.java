package dev.kaigi.chassis.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A request body is one JSON value and nothing after it: {@code {}}} or {@code {"a":1} junk} is unreadable
 * JSON (400 problem+json), not the first value with the rest ignored. Found by issue 8 item 2's hostile
 * input: a cancel with a malformed body cancelled the booking.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
