package dev.kaigi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Consumers already deployed read the events of producers built later, so an event schema only
 * grows. {@code released-schemas/} holds every schema as last released; against it, the current
 * schema may add properties (optional ones: an old producer's event lacks them) and enum
 * constants, and must keep every released property with its type and format, and require nothing
 * the release did not. Releasing copies {@code src/main/resources/schemas} over it.
 */
class ReleasedSchemasTest {

    private static final Path RELEASED = Path.of("released-schemas");
    private static final Path CURRENT = Path.of(System.getProperty("kaigi.schemas.dir", "src/main/resources/schemas"));

    static Stream<String> releasedSchemas() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedSchemas")
    void currentSchemaOnlyGrows(String file) throws IOException {
        Path current = CURRENT.resolve(file);
        assertTrue(Files.isRegularFile(current), file + " was released: its event type cannot disappear (publish a .v2 beside it)");
        assertEquals(List.of(), breakingChanges(read(RELEASED.resolve(file)), read(current)), file);
    }

    /** Proves the comparison can fail: each kind of break is reported. */
    @Test
    void removedRetypedNewlyRequiredAndNarrowedAreReported() throws IOException {
        JsonNode released = Json.MAPPER.readTree("""
                {"properties": {"a": {"type": "string"}, "b": {"type": "integer"}, "c": {"type": "string", "enum": ["X", "Y"]},
                                "d": {"type": "string"}}, "required": ["a"]}""");
        JsonNode current = Json.MAPPER.readTree("""
                {"properties": {"b": {"type": "string"}, "c": {"type": "string", "enum": ["X"]}, "d": {"type": "string"},
                                "e": {"type": "string"}}, "required": ["d", "e"]}""");
        assertEquals(List.of("a: removed", "b: type integer became string", "c: enum lost [Y]", "d: newly required",
                "e: newly required"), breakingChanges(released, current));
    }

    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> breaks = new ArrayList<>();
        released.path("properties").fields().forEachRemaining(p -> {
            JsonNode now = current.path("properties").path(p.getKey());
            if (now.isMissingNode()) {
                breaks.add(p.getKey() + ": removed");
                return;
            }
            for (String facet : List.of("type", "format")) {
                if (!p.getValue().path(facet).equals(now.path(facet))) {
                    breaks.add(p.getKey() + ": " + facet + " " + text(p.getValue().path(facet)) + " became " + text(now.path(facet)));
                }
            }
            Set<String> lost = values(p.getValue().path("enum"));
            lost.removeAll(values(now.path("enum")));
            if (!lost.isEmpty()) {
                breaks.add(p.getKey() + ": enum lost " + lost);
            }
        });
        Set<String> wasRequired = values(released.path("required"));
        current.path("required").forEach(r -> {
            if (!wasRequired.contains(r.asText())) {
                breaks.add(r.asText() + ": newly required");
            }
        });
        return breaks;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static JsonNode read(Path file) throws IOException {
        return Json.MAPPER.readTree(file.toFile());
    }
}
