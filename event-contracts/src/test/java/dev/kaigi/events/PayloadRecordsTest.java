package dev.kaigi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The payload records keep their promises: required means non-null, lists are immutable copies, keys per EVT-03. */
class PayloadRecordsTest {

    /** Component whose value is the Kafka key; {@code userId} when not listed. */
    private static final Map<EventType<?>, String> KEY_COMPONENT = Map.ofEntries(
            Map.entry(EventTypes.ORGANIZATION_CREATED, "orgId"),
            Map.entry(EventTypes.PERMISSION_PROFILE_SAVED, "orgId"),
            Map.entry(EventTypes.PERMISSION_PROFILE_DELETED, "orgId"),
            Map.entry(EventTypes.LEAD_ERASED, "orgId"),
            Map.entry(EventTypes.SUPER_ADMIN_TRANSFERRED, "orgId"),
            Map.entry(EventTypes.TEAM_LICENCES_DISABLED, "orgId"),
            Map.entry(EventTypes.PLAN_CHANGED, "orgId"),
            Map.entry(EventTypes.OPPORTUNITY_COUNTS_SYNCED, "orgId"),
            Map.entry(EventTypes.MEETING_BOOKED, "hostUserId"),
            Map.entry(EventTypes.MEETING_CANCELLED, "hostUserId"),
            Map.entry(EventTypes.MEETING_REASSIGNED, "toHostUserId"),
            Map.entry(EventTypes.MEETING_RESCHEDULED, "hostUserId"),
            Map.entry(EventTypes.MEETING_CONFERENCE_CREATED, "hostUserId"));

    static List<EventType<?>> eventTypes() {
        return EventTypes.all();
    }

    /** Payload records and the records nested in them. */
    static Set<Class<?>> records() {
        Set<Class<?>> records = new LinkedHashSet<>();
        EventTypes.all().forEach(type -> collectRecords(type.payloadType(), records));
        return records;
    }

    @ParameterizedTest(name = "EVT-03 key of {0}")
    @MethodSource("eventTypes")
    void partitionKeyIsTheUserOrTheOrganization(EventType<?> type) {
        String component = KEY_COMPONENT.getOrDefault(type, "userId");
        assertEquals(Samples.uuid(component).toString(), Samples.full(type.payloadType()).partitionKey());
        assertEquals(Samples.uuid("orgId"), Samples.full(type.payloadType()).orgId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void requiredComponentsRefuseNullAndOptionalOnesAcceptIt(Class<?> record) {
        assertNotNull(Samples.minimal(record));
        RecordComponent[] components = record.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive() || components[i].isAnnotationPresent(Nullable.class)) {
                continue;
            }
            Object[] arguments = Samples.argumentsFor(record, true);
            arguments[i] = null;
            NullPointerException refused = assertThrows(NullPointerException.class,
                    () -> Samples.instantiate(record, arguments), record.getSimpleName() + " accepts null "
                            + components[i].getName());
            assertEquals(components[i].getName(), refused.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void listComponentsAreImmutableCopies(Class<?> record) throws ReflectiveOperationException {
        RecordComponent[] components = record.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType() != List.class) {
                continue;
            }
            Object[] arguments = Samples.argumentsFor(record, true);
            List<Object> given = new ArrayList<>((List<?>) arguments[i]);
            arguments[i] = given;
            Object instance = Samples.instantiate(record, arguments);
            given.clear();

            @SuppressWarnings("unchecked")
            List<Object> held = (List<Object>) components[i].getAccessor().invoke(instance);
            assertEquals(1, held.size(), record.getSimpleName() + "." + components[i].getName() + " is not copied");
            assertThrows(UnsupportedOperationException.class, held::clear);
        }
    }

    private static void collectRecords(Class<?> record, Set<Class<?>> records) {
        if (!records.add(record)) {
            return;
        }
        Stream.of(record.getRecordComponents())
                .map(component -> component.getType() == List.class
                        ? (Class<?>) ((ParameterizedType) component.getGenericType())
                                .getActualTypeArguments()[0]
                        : component.getType())
                .filter(Class::isRecord)
                .forEach(nested -> collectRecords(nested, records));
    }
}
