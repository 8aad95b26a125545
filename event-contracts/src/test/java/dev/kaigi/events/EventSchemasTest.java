package dev.kaigi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.events.user.UserUpdated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the committed JSON schemas in agreement with the payload records and with the JSON Jackson actually writes.
 */
class EventSchemasTest {

    private static final Path SCHEMA_DIR =
            Path.of(System.getProperty("kaigi.schemas.dir", "src/main/resources/schemas"));
    private static final boolean WRITE = Boolean.getBoolean("kaigi.schemas.write");
    private static final String REGENERATE = "if the record change is intended, run "
            + "`./mvnw -f event-contracts/pom.xml test -Dkaigi.schemas.write=true` and commit the schema changes";

    static List<EventType<?>> eventTypes() {
        return EventTypes.all();
    }

    /** Write mode: the schema directory is wholly generated, so it is rewritten, stale files included. */
    @BeforeAll
    static void writeSchemasWhenAsked() throws IOException {
        if (!WRITE) {
            return;
        }
        Files.createDirectories(SCHEMA_DIR);
        for (Path orphan : schemaFilesOnDisk().stream().filter(name -> !expectedFileNames().contains(name))
                .map(SCHEMA_DIR::resolve).toList()) {
            Files.delete(orphan);
        }
        for (EventType<?> type : EventTypes.all()) {
            Files.writeString(SCHEMA_DIR.resolve(SchemaGenerator.fileName(type)),
                    Json.toFileText(SchemaGenerator.schemaOf(type)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void committedSchemaMatchesPayloadRecord(EventType<?> type) throws IOException {
        Path file = SCHEMA_DIR.resolve(SchemaGenerator.fileName(type));
        assertTrue(Files.isRegularFile(file), () -> "No schema file " + file + " for " + type + "; " + REGENERATE);
        ObjectNode generated = SchemaGenerator.schemaOf(type);
        assertEquals(generated, Json.MAPPER.readTree(file.toFile()), () -> "Schema " + file
                + " does not describe " + type.payloadType().getName() + "; " + REGENERATE + ". Expected:\n"
                + Json.toFileText(generated));
    }

    @Test
    void everySchemaFileBelongsToAnEventType() throws IOException {
        Set<String> orphans = new TreeSet<>(schemaFilesOnDisk());
        orphans.removeAll(expectedFileNames());
        assertEquals(Set.of(), orphans, () -> "Schema files in " + SCHEMA_DIR + " without an event type in "
                + "EventTypes; delete them, or " + REGENERATE);
    }

    @Test
    void everyEventTypeHasASchemaFile() throws IOException {
        Set<String> missing = new TreeSet<>(expectedFileNames());
        missing.removeAll(schemaFilesOnDisk());
        assertEquals(Set.of(), missing, () -> "Event types without a schema file in " + SCHEMA_DIR + "; " + REGENERATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void schemaIsPackagedAtItsResourcePath(EventType<?> type) throws IOException {
        // Files written in this very run are copied to the class path only by the next build.
        assumeFalse(WRITE);
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertNotNull(in, "No class-path resource " + type.schemaResource());
            assertEquals(Json.MAPPER.readTree(SCHEMA_DIR.resolve(SchemaGenerator.fileName(type)).toFile()),
                    Json.MAPPER.readTree(in));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void jacksonJsonOfEveryPayloadConformsToItsSchemaAndReadsBack(EventType<?> type) throws IOException {
        JsonNode schema = Json.MAPPER.readTree(SCHEMA_DIR.resolve(SchemaGenerator.fileName(type)).toFile());
        for (EventPayload sample : List.of(Samples.full(type.payloadType()), Samples.minimal(type.payloadType()))) {
            String json = Json.MAPPER.writeValueAsString(sample);
            assertEquals(List.of(), SchemaCheck.violations(schema, Json.MAPPER.readTree(json)),
                    () -> type + " payload " + json + " does not conform to its schema");
            assertEquals(sample, Json.MAPPER.readValue(json, type.payloadType()), json);
        }
    }

    /** Proves {@link SchemaCheck} can fail, so the conformance test above means something. */
    @Test
    void schemaCheckReportsUnknownMissingAndMistypedProperties() throws IOException {
        EventType<UserUpdated> type = EventTypes.USER_UPDATED;
        JsonNode schema = Json.MAPPER.readTree(SCHEMA_DIR.resolve(SchemaGenerator.fileName(type)).toFile());
        ObjectNode json = Json.MAPPER.valueToTree(Samples.full(type.payloadType()));
        json.put("partitionKey", "x");
        json.remove("email");
        json.put("userId", "not-a-uuid");
        json.put("role", "KING");
        json.put("slackMemberId", 42);
        json.putArray("changedFields").add(1);

        List<String> violations = SchemaCheck.violations(schema, json);

        assertEquals(Set.of("$.partitionKey", "$", "$.userId", "$.role", "$.slackMemberId", "$.changedFields[0]"),
                violations.stream().map(violation -> violation.substring(0, violation.indexOf(':')))
                        .collect(Collectors.toSet()),
                violations::toString);
        assertEquals(6, violations.size(), violations::toString);
    }

    private static Set<String> expectedFileNames() {
        return EventTypes.all().stream().map(SchemaGenerator::fileName).collect(Collectors.toSet());
    }

    private static Set<String> schemaFilesOnDisk() throws IOException {
        if (!Files.isDirectory(SCHEMA_DIR)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(SCHEMA_DIR)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
