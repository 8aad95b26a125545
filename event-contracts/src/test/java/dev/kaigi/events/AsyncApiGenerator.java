package dev.kaigi.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * The AsyncAPI 3.0 document of every Kaigi topic and event type ({@code docs/asyncapi.yaml}),
 * built from {@link EventTypes} so that it cannot forget one: a channel per topic and its
 * dead-letter topic, a message per event type with its CloudEvents headers, its Kafka key, its
 * payload (a reference to the committed JSON schema) and an example, the producing service's send
 * operation, and a receive operation per consuming service and topic, from {@link EventConsumers}.
 */
final class AsyncApiGenerator {

    /** Where the payload schemas are, seen from {@code docs/}. */
    static final String SCHEMA_PATH = "../event-contracts/src/main/resources/schemas/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The services, by the topic they publish on. */
    private static final Map<String, String> PRODUCER = Map.of(
            Topics.USER, "user-service",
            Topics.LICENSING, "licensing-service",
            Topics.SCHEDULING, "scheduling-service",
            Topics.INTEGRATION, "integration-service");

    private AsyncApiGenerator() {
    }

    static ObjectNode document() {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kaigi events");
        info.put("version", "1.0.0");
        info.put("description", """
                What the Kaigi services tell each other through Kafka. Every event is a CloudEvents 1.0 \
                message in binary mode: the attributes are Kafka headers (`ce_*`), the value is the JSON \
                payload, and the key keeps the events about one user (or one organization) in order \
                (EVT-03). Each service writes its events to its outbox in the transaction of the change \
                and a relay publishes them; consumers apply each event once (EVT-02) and move what they \
                can never apply to the topic's dead-letter topic. Generated from the event-contracts \
                module by AsyncApiDocumentTest; payload schemas are event-contracts' JSON schemas.""");
        doc.put("defaultContentType", CloudEventHeaders.JSON);
        ObjectNode server = doc.putObject("servers").putObject("local");
        server.put("host", "localhost:9092");
        server.put("protocol", "kafka");
        server.put("description", "The broker of the local stack");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode messages = NODES.objectNode();
        for (String topic : Topics.all()) {
            List<EventType<?>> types = EventTypes.all().stream().filter(t -> t.topic().equals(topic)).toList();
            ObjectNode channel = channels.putObject(channelId(topic));
            channel.put("address", topic);
            channel.put("description", "Events of " + PRODUCER.get(topic) + ".");
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode send = operations.putObject("publish" + capitalized(channelId(topic)));
            send.put("action", "send");
            send.put("summary", PRODUCER.get(topic) + " publishes these through its outbox relay.");
            send.putObject("channel").put("$ref", "#/channels/" + channelId(topic));
            ArrayNode sent = send.putArray("messages");
            for (EventType<?> type : types) {
                channelMessages.putObject(messageId(type)).put("$ref", "#/components/messages/" + messageId(type));
                sent.addObject().put("$ref", "#/channels/" + channelId(topic) + "/messages/" + messageId(type));
                messages.set(messageId(type), message(type));
            }
            ObjectNode dlq = channels.putObject(channelId(topic) + "DeadLetters");
            dlq.put("address", Topics.deadLetter(topic));
            dlq.put("description", "Events of " + topic + " that a consumer could not apply, unchanged, with the "
                    + "kaigi_dlq_* headers saying why, for inspection and replay.");
            dlq.putObject("messages").putObject("deadLetter").put("$ref", "#/components/messages/deadLetter");
        }
        for (String service : EventConsumers.services()) {
            EventConsumers.groupsOf(service).forEach((group, types) -> {
                for (String topic : Topics.all()) {
                    List<EventType<?>> received = types.stream().filter(t -> t.topic().equals(topic)).toList();
                    if (!received.isEmpty()) {
                        operations.set(receiveOperationId(group, topic), receive(service, group, topic, received));
                    }
                }
            });
        }
        ObjectNode components = doc.putObject("components");
        messages.set("deadLetter", deadLetter());
        components.set("messages", messages);
        return doc;
    }

    /** {@code integration-service}, {@code kaigi.scheduling.v1} → {@code integrationServiceReceivesSchedulingEvents}. */
    static String receiveOperationId(String group, String topic) {
        String[] words = group.split("-");
        StringBuilder id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            id.append(capitalized(words[i]));
        }
        return id.append("Receives").append(capitalized(channelId(topic))).toString();
    }

    private static ObjectNode receive(String service, String group, String topic, List<EventType<?>> types) {
        ObjectNode receive = NODES.objectNode();
        receive.put("action", "receive");
        receive.put("summary", service.equals(group) ? service + " applies each of these events once (EVT-02)."
                : service + " applies each of these events once in this consumer group, beside its own (EVT-02).");
        receive.put("description", "Consumer group " + group + " handles " + String.join(", ",
                types.stream().map(EventType::name).toList()) + "; it skips the topic's other events.");
        receive.putObject("channel").put("$ref", "#/channels/" + channelId(topic));
        ArrayNode messages = receive.putArray("messages");
        types.forEach(t -> messages.addObject().put("$ref", "#/channels/" + channelId(topic) + "/messages/" + messageId(t)));
        ObjectNode kafka = receive.putObject("bindings").putObject("kafka");
        kafka.putObject("groupId").put("type", "string").putArray("enum").add(group);
        kafka.put("bindingVersion", "0.5.0");
        return receive;
    }

    /** {@code kaigi.user.v1} → {@code userEvents}. */
    static String channelId(String topic) {
        return topic.split("\\.")[1] + "Events";
    }

    /** {@code kaigi.user.deactivated.v1} → {@code userDeactivatedV1}. */
    static String messageId(EventType<?> type) {
        String[] parts = type.name().split("[.-]");
        StringBuilder id = new StringBuilder(parts[1]);
        for (int i = 2; i < parts.length; i++) {
            id.append(capitalized(parts[i]));
        }
        return id.toString();
    }

    private static ObjectNode message(EventType<?> type) {
        ObjectNode m = NODES.objectNode();
        m.put("name", type.name());
        m.put("title", type.payloadType().getSimpleName());
        m.put("summary", type.description());
        m.put("contentType", CloudEventHeaders.JSON);
        ObjectNode headers = m.putObject("headers");
        headers.put("type", "object");
        ObjectNode props = headers.putObject("properties");
        header(props, CloudEventHeaders.SPEC_VERSION, "CloudEvents version").put("const", CloudEventHeaders.SPEC_VERSION_VALUE);
        header(props, CloudEventHeaders.ID, "Event id: a consumer applies each id once (EVT-02)").put("format", "uuid");
        header(props, CloudEventHeaders.TYPE, "Event type").put("const", type.name());
        header(props, CloudEventHeaders.SOURCE, "Producing service").put("const", type.source());
        header(props, CloudEventHeaders.SUBJECT, "What the event is about; equals the Kafka key");
        header(props, CloudEventHeaders.TIME, "When the change happened").put("format", "date-time");
        header(props, CloudEventHeaders.ORG_ID, "The organization (extension attribute)").put("format", "uuid");
        header(props, CloudEventHeaders.CONTENT_TYPE, "Content type of the value").put("const", CloudEventHeaders.JSON);
        header(props, CloudEventHeaders.TRACE_PARENT, "W3C traceparent of the change (CloudEvents distributed-tracing "
                + "extension): a consumer's work joins that trace; absent for a change made outside any trace")
                .put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
        header(props, CloudEventHeaders.TRACE_STATE, "W3C tracestate that goes with ce_traceparent, when the trace has one");
        ArrayNode required = headers.putArray("required");
        List.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME).forEach(required::add);
        m.putObject("payload").put("$ref", SCHEMA_PATH + SchemaGenerator.fileName(type));
        EventPayload example = ExamplePayloads.of(type);
        m.putArray("examples").addObject()
                .put("name", messageId(type))
                .<ObjectNode>set("headers", exampleHeaders(type, example))
                .set("payload", Json.MAPPER.valueToTree(example));
        ObjectNode key = m.putObject("bindings").putObject("kafka");
        key.putObject("key").put("type", "string").put("description", "The payload's " + keyComponent(type)
                + ": events with the same key are consumed in the order they were published (EVT-03)");
        key.put("bindingVersion", "0.5.0");
        return m;
    }

    /** The headers the outbox relay writes for {@code payload}, in the order the header schema lists them. */
    private static ObjectNode exampleHeaders(EventType<?> type, EventPayload payload) {
        ObjectNode headers = NODES.objectNode();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, Samples.uuid(type.name()).toString());
        headers.put(CloudEventHeaders.TYPE, type.name());
        headers.put(CloudEventHeaders.SOURCE, type.source());
        headers.put(CloudEventHeaders.SUBJECT, payload.partitionKey());
        headers.put(CloudEventHeaders.TIME, ExamplePayloads.EVENT_TIME.toString());
        headers.put(CloudEventHeaders.ORG_ID, payload.orgId().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    private static ObjectNode header(ObjectNode props, String name, String description) {
        ObjectNode h = props.putObject(name);
        h.put("type", "string");
        h.put("description", description);
        return h;
    }

    private static ObjectNode deadLetter() {
        ObjectNode m = NODES.objectNode();
        m.put("name", "dead-letter");
        m.put("title", "DeadLetter");
        m.put("summary", "The original record (key, value and ce_* headers unchanged) plus why it could not be applied.");
        ObjectNode props = m.putObject("headers").put("type", "object").putObject("properties");
        header(props, "kaigi_dlq_error", "The failure, class and message");
        header(props, "kaigi_dlq_original_topic", "Topic the record came from");
        header(props, "kaigi_dlq_original_partition", "Its partition");
        header(props, "kaigi_dlq_original_offset", "Its offset");
        header(props, "kaigi_dlq_attempts", "How many times it was tried");
        header(props, "kaigi_dlq_failed_at", "When it was given up").put("format", "date-time");
        header(props, "kaigi_dlq_consumer_group", "The consumer group that gave up");
        m.putArray("examples").add(deadLetterExample());
        return m;
    }

    /**
     * A meeting-booked event integration-service could not read (a producer left out a required field): dead-lettered
     * at the first attempt, with its original headers and value.
     */
    private static ObjectNode deadLetterExample() {
        EventType<?> type = EventTypes.MEETING_BOOKED;
        EventPayload original = ExamplePayloads.of(type);
        ObjectNode headers = exampleHeaders(type, original);
        headers.put("kaigi_dlq_error", "dev.kaigi.chassis.inbox.PoisonEventException: unreadable " + type.name() + " at "
                + type.topic() + "/2@18341 <- com.fasterxml.jackson.databind.exc.ValueInstantiationException: Cannot construct "
                + "instance of `" + type.payloadType().getName() + "`, problem: leadEmail <- java.lang.NullPointerException: "
                + "leadEmail");
        headers.put("kaigi_dlq_original_topic", type.topic());
        headers.put("kaigi_dlq_original_partition", "2");
        headers.put("kaigi_dlq_original_offset", "18341");
        headers.put("kaigi_dlq_attempts", "1");
        headers.put("kaigi_dlq_failed_at", ExamplePayloads.EVENT_TIME.plusSeconds(3).toString());
        headers.put("kaigi_dlq_consumer_group", "integration-service");
        ObjectNode payload = Json.MAPPER.valueToTree(original);
        payload.remove("leadEmail");
        return NODES.objectNode()
                .put("name", "unreadableMeetingBooked")
                .<ObjectNode>set("headers", headers)
                .set("payload", payload);
    }

    /** The record component whose value is the key: found on a sample, not listed by hand. */
    static String keyComponent(EventType<?> type) {
        EventPayload sample = Samples.full(type.payloadType());
        for (RecordComponent c : type.payloadType().getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(sample);
                if (value != null && value.toString().equals(sample.partitionKey())) {
                    return c.getName();
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(type + ": no component holds the partition key");
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
