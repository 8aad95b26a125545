package dev.kaigi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event catalog is complete, consistent and follows the naming rules (EVT-01). */
class EventTypesTest {

    private static final Pattern NAME =
            Pattern.compile("kaigi\\.(user|licensing|scheduling|integration)\\.[a-z-]+\\.v1");

    static List<EventType<?>> eventTypes() {
        return EventTypes.all();
    }

    @Test
    void namesAndPayloadTypesAreUnique() {
        assertEquals(EventTypes.all().size(),
                EventTypes.all().stream().map(EventType::name).distinct().count(), "duplicate names");
        assertEquals(EventTypes.all().size(),
                EventTypes.all().stream().map(EventType::payloadType).distinct().count(), "duplicate payload types");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void nameTopicAndSourceFollowTheProducingArea(EventType<?> type) {
        Matcher name = NAME.matcher(type.name());
        assertTrue(name.matches(), () -> type.name() + " does not match " + NAME);
        String area = name.group(1);
        assertEquals("kaigi." + area + ".v1", type.topic());
        assertEquals("/" + area + "-service", type.source());
        assertTrue(Topics.all().contains(type.topic()));
        assertEquals("schemas/" + type.name() + ".json", type.schemaResource());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void payloadIsARecordInTheAreaPackage(EventType<?> type) {
        String area = type.name().split("\\.")[1];
        assertTrue(type.payloadType().isRecord(), type.payloadType() + " is not a record");
        assertEquals("dev.kaigi.events." + area, type.payloadType().getPackageName());
        assertTrue(!type.description().isBlank() && !type.description().contains("\n"),
                "description must be one line");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void byNameAndOfFindTheSameType(EventType<?> type) {
        assertSame(type, EventTypes.byName(type.name()).orElseThrow());
        assertSame(type, EventTypes.of(type.payloadType()));
    }

    @Test
    void unknownNamesAndPayloadsAreNotFound() {
        assertTrue(EventTypes.byName("kaigi.user.frozen.v1").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> EventTypes.of(Unregistered.class));
    }

    @Test
    void allListsEveryConstantOnce() throws IllegalAccessException {
        Set<Object> constants = new HashSet<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (field.getType() == EventType.class && Modifier.isPublic(field.getModifiers())
                    && Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())) {
                constants.add(field.get(null));
            }
        }
        assertEquals(constants, Set.copyOf(EventTypes.all()));
        assertEquals(constants.size(), EventTypes.all().size());
    }

    @Test
    void everyPayloadRecordHasAnEventType() throws IOException, URISyntaxException {
        Path classes = Path.of(EventPayload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isDirectory(classes), "needs the compiled classes as a directory");
        Set<Class<?>> payloads;
        try (Stream<Path> files = Files.walk(classes)) {
            payloads = files.map(classes::relativize).map(Path::toString)
                    .filter(file -> file.endsWith(".class"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.')
                            .replace('\\', '.'))
                    .map(EventTypesTest::load)
                    .filter(cls -> EventPayload.class.isAssignableFrom(cls) && !cls.isInterface())
                    .collect(Collectors.toSet());
        }
        assertEquals(payloads, EventTypes.all().stream().map(EventType::payloadType).collect(Collectors.toSet()));
    }

    @Test
    void topicsAndTheirDeadLetterTopics() {
        assertEquals(List.of("kaigi.user.v1", "kaigi.scheduling.v1", "kaigi.licensing.v1", "kaigi.integration.v1"),
                Topics.all());
        assertEquals("kaigi.user.v1.dlq", Topics.deadLetter(Topics.USER));
        assertTrue(Arrays.stream(new String[] {EventSources.USER_SERVICE, EventSources.SCHEDULING_SERVICE,
                EventSources.LICENSING_SERVICE, EventSources.INTEGRATION_SERVICE})
                .allMatch(source -> EventTypes.all().stream().anyMatch(type -> type.source().equals(source))));
        assertTrue(Topics.all().stream()
                .allMatch(topic -> EventTypes.all().stream().anyMatch(type -> type.topic().equals(topic))));
    }

    @Test
    void typesAreEqualByName() {
        EventType<Unregistered> copy = new EventType<>(EventTypes.USER_DELETED.name(), "t", "s", Unregistered.class,
                "d");
        assertEquals(EventTypes.USER_DELETED, copy);
        assertEquals(EventTypes.USER_DELETED.hashCode(), copy.hashCode());
        assertEquals("kaigi.user.deleted.v1", EventTypes.USER_DELETED.toString());
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, EventTypesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Unregistered(UUID orgId) implements EventPayload {
        @Override
        public String partitionKey() {
            return orgId.toString();
        }
    }
}
