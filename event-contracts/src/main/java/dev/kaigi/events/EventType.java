package dev.kaigi.events;

import java.util.Objects;

/**
 * One kind of event: its CloudEvents type name, the topic and source it is published with, and its payload record.
 * The instances live in {@link EventTypes}.
 *
 * @param <P> the payload record
 */
public final class EventType<P extends EventPayload> {

    private final String name;
    private final String topic;
    private final String source;
    private final Class<P> payloadType;
    private final String description;

    EventType(String name, String topic, String source, Class<P> payloadType, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.source = Objects.requireNonNull(source, "source");
        this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** The CloudEvents {@code type}, e.g. {@code kaigi.user.deactivated.v1}. */
    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    /** The CloudEvents {@code source}, i.e. the producing service. */
    public String source() {
        return source;
    }

    public Class<P> payloadType() {
        return payloadType;
    }

    /** One line saying when the event is published; also the description of its JSON schema. */
    public String description() {
        return description;
    }

    /** Class-path location of the committed JSON schema of the payload. */
    public String schemaResource() {
        return "schemas/" + name + ".json";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventType<?> that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
