package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples the linters validate against the schema: each value within its schema's bounds, or none. */
class GeneratedExamplesTest {

    @Test
    void fillsAnObjectWithValuesThatKeepTheSchemasRules() {
        Schema request = object(Map.of(
                "phone", string().pattern("^[0-9+()\\-. ]{0,30}$"),
                "timeZone", string().maxLength(64),
                "slotStepMinutes", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).minimum(BigDecimal.valueOf(15)),
                "status", string().enumeration(List.of("BOOKED", "CANCELLED")),
                "id", OASFactory.createSchema().ref("#/components/schemas/UUID")));
        Map<?, ?> example = (Map<?, ?>) examples(request).example(request).orElseThrow();

        assertEquals("+81 3-1234-5678", example.get("phone"));
        assertEquals("Asia/Tokyo", example.get("timeZone"));
        assertEquals(15, example.get("slotStepMinutes"));
        assertEquals("BOOKED", example.get("status"));
        assertTrue(example.get("id").toString().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), example.toString());
    }

    @Test
    void givesNoExampleWhereAPatternMatchesNoValueItKnows() {
        Schema request = object(Map.of("slackMemberId", string().pattern("^[UW][A-Z0-9]{2,20}$")));
        assertEquals(Optional.empty(), examples(request).example(request));
    }

    @Test
    void takesTheSchemasOwnExampleFirst() {
        Schema request = object(Map.of("slackMemberId", string().pattern("^[UW][A-Z0-9]{2,20}$").examples(List.of("U024BE7LH"))));
        assertEquals(Map.of("slackMemberId", "U024BE7LH"), examples(request).example(request).orElseThrow());
    }

    @Test
    void cutsFreeTextToItsMaximumLength() {
        Schema request = object(Map.of("name", string().maxLength(4)));
        assertEquals(Map.of("name", "Exam"), examples(request).example(request).orElseThrow());
    }

    private static GeneratedExamples examples(Schema body) {
        OpenAPI openAPI = OASFactory.createOpenAPI().components(OASFactory.createComponents()
                .addSchema("UUID", string().format("uuid")
                        .pattern("[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}")));
        GeneratedExamples examples = new GeneratedExamples();
        examples.apply(openAPI);
        return examples;
    }

    private static Schema object(Map<String, Schema> properties) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).properties(new java.util.LinkedHashMap<>(properties));
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }
}
