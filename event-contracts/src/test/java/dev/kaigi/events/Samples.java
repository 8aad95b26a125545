package dev.kaigi.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Builds sample instances of any payload record by reflection, so that a new event is covered by the tests
 * without anyone writing a sample for it. Each component gets a value derived from its name, so two components
 * never hold the same id.
 */
final class Samples {

    /** Instants with nanoseconds, to prove they survive the JSON round trip. */
    private static final Instant INSTANT = Instant.parse("2025-04-01T00:30:00.123456789Z");

    private Samples() {
    }

    /**
     * Chooses a component's value in place of the one derived from its name; {@link #full(Class, ValueChoice)} asks
     * it for each component (and again for each element of a list component) before deriving one.
     */
    @FunctionalInterface
    interface ValueChoice {

        /** The value of {@code component}, of type {@code type}; null to derive it from its name. */
        Object valueOf(RecordComponent component, Type type);
    }

    private static final ValueChoice DERIVED = (component, type) -> null;

    /** Every component set, lists with one element, enums at their last constant. */
    static <R> R full(Class<R> record) {
        return full(record, DERIVED);
    }

    /** {@link #full(Class)}, with the values {@code choice} picks where it picks one. */
    static <R> R full(Class<R> record, ValueChoice choice) {
        return instantiate(record, argumentsFor(record, true, choice));
    }

    /** Optional components null, lists empty, enums at their first constant. */
    static <R> R minimal(Class<R> record) {
        return instantiate(record, argumentsFor(record, false, DERIVED));
    }

    static Object[] argumentsFor(Class<?> record, boolean full) {
        return argumentsFor(record, full, DERIVED);
    }

    private static Object[] argumentsFor(Class<?> record, boolean full, ValueChoice choice) {
        return Arrays.stream(record.getRecordComponents())
                .map(component -> full || !component.isAnnotationPresent(Nullable.class)
                        ? value(component, component.getGenericType(), full, choice)
                        : null)
                .toArray();
    }

    static <R> R instantiate(Class<R> record, Object[] arguments) {
        try {
            return canonicalConstructor(record).newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static <R> Constructor<R> canonicalConstructor(Class<R> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            return record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(record + " is not a record", e);
        }
    }

    static UUID uuid(String componentName) {
        return UUID.nameUUIDFromBytes(componentName.getBytes(StandardCharsets.UTF_8));
    }

    private static Object value(RecordComponent component, Type type, boolean full, ValueChoice choice) {
        Object chosen = choice.valueOf(component, type);
        if (chosen != null) {
            return chosen;
        }
        String name = component.getName();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return full ? List.of(value(component, parameterized.getActualTypeArguments()[0], true, choice)) : List.of();
        }
        Class<?> cls = (Class<?>) type;
        if (cls == String.class) {
            return name + " sample";
        } else if (cls == UUID.class) {
            return uuid(name);
        } else if (cls == Instant.class) {
            return INSTANT.plusSeconds(name.length());
        } else if (cls == LocalDate.class) {
            return LocalDate.of(2025, 4, 1).plusDays(name.length());
        } else if (cls == int.class || cls == Integer.class) {
            return 7;
        } else if (cls == long.class || cls == Long.class) {
            return 7L;
        } else if (cls == boolean.class || cls == Boolean.class) {
            return full;
        } else if (cls.isEnum()) {
            Object[] constants = cls.getEnumConstants();
            return constants[full ? constants.length - 1 : 0];
        } else if (cls.isRecord()) {
            return full ? full(cls, choice) : minimal(cls);
        }
        throw new IllegalArgumentException("No sample value for " + type.getTypeName() + " " + name);
    }
}
