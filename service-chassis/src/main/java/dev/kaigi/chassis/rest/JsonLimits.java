package dev.kaigi.chassis.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How deep and how long JSON sent to Kaigi may be (SEC-03), set on the service's ObjectMapper and on
 * {@link StrictJson}'s parser, rather than left to Jackson's defaults, which change between versions.
 * No Kaigi document nests deeper than a handful of levels (SCIM PATCH is the deepest, at five); the
 * body size limit already bounds strings, so the string limit only stops a single value from filling it.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Levels of objects and arrays. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Digits of one number: a long has 19, and nothing Kaigi reads needs more than that and a fraction. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Characters of one property name. */
    public static final int MAX_NAME_LENGTH = 1_000;
    /** Characters of one string value. */
    public static final int MAX_STRING_LENGTH = 10 * 1024 * 1024;

    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build();

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(CONSTRAINTS);
    }
}
