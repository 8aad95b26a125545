package dev.kaigi.integration.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HOOK-02: the OpenAPI {@code webhooks} section partners read says what the service sends, field for field. */
class WebhooksDocumentTest {

    private static final Map<String, Class<?>> DATA = Map.of(
            "WebhookMeetingData", WebhookMessage.MeetingData.class,
            "WebhookUserData", WebhookMessage.UserData.class,
            "WebhookUserDeactivatedData", WebhookMessage.UserDeactivatedData.class,
            "WebhookUserDeletedData", WebhookMessage.UserDeletedData.class,
            "WebhookSeatData", WebhookMessage.SeatData.class);

    private static JsonNode document() throws Exception {
        try (InputStream in = WebhooksDocumentTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    @DisplayName("HOOK-02: one webhook per event type a subscription may name, each with its message schema and a matching example")
    void everyEventTypeIsDocumented() throws Exception {
        JsonNode doc = document();
        Set<String> documented = new TreeSet<>();
        doc.path("webhooks").fieldNames().forEachRemaining(documented::add);
        Set<String> sent = new TreeSet<>(Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList());
        assertEquals(sent, documented);
        for (String type : sent) {
            JsonNode post = doc.path("webhooks").path(type).path("post");
            JsonNode body = post.path("requestBody").path("content").path("application/json");
            String message = body.path("schema").path("$ref").asText().replace("#/components/schemas/", "");
            JsonNode schema = doc.path("components").path("schemas").path(message);
            assertEquals(type, schema.path("properties").path("type").path("const").asText(), type);
            assertEquals(type, body.path("example").path("type").asText(), type);
            String data = schema.path("properties").path("data").path("$ref").asText().replace("#/components/schemas/", "");
            JsonNode dataSchema = doc.path("components").path("schemas").path(data);
            Set<String> exampleFields = names(body.path("example").path("data"));
            assertTrue(names(dataSchema.path("properties")).containsAll(exampleFields), type + ": the example's fields");
            dataSchema.path("required").forEach(r -> assertTrue(exampleFields.contains(r.asText()), type + " example lacks " + r));
            assertEquals(List.of("webhook-id", "webhook-timestamp", "webhook-signature"),
                    post.path("parameters").findValuesAsText("name"), type);
        }
    }

    @Test
    @DisplayName("HOOK-02: each data schema has exactly the fields of the record the service serializes, and the enums' values")
    void schemasMatchTheRecords() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        DATA.forEach((name, record) -> {
            Set<String> components = new LinkedHashSet<>(Arrays.stream(record.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList());
            assertEquals(components, names(schemas.path(name).path("properties")), name);
            schemas.path(name).path("required").forEach(r -> assertTrue(components.contains(r.asText()), name + " requires " + r));
        });
        assertEquals(Arrays.stream(ConferencingMethod.values()).map(Enum::name).toList(),
                texts(schemas.path("WebhookMeetingData").path("properties").path("conferencingMethod").path("enum")));
        assertEquals(Arrays.stream(Role.values()).map(Enum::name).toList(),
                texts(schemas.path("WebhookUserData").path("properties").path("role").path("enum")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
