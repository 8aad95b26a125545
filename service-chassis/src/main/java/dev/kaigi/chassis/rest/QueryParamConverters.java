package dev.kaigi.chassis.rest;

import dev.kaigi.chassis.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;

/**
 * Enum, UUID and whole-number query parameters ({@code ?page=}, {@code ?size=}). JAX-RS answers an unconvertible
 * query parameter with 404; a client sent a bad filter or page, so it gets a 400 naming the parameter instead.
 */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParamName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType.isEnum()) {
            return (ParamConverter<T>) new Converter<>(name, value -> value.isEmpty() ? null : Enum.valueOf((Class) rawType, value));
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Converter<>(name, value -> value.isEmpty() ? null : UUID.fromString(value));
        }
        // an empty filter is no filter, but an empty number ("?page=") is no number: an int cannot be left null
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(name, value -> Integer.valueOf(nonEmpty(value)));
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Converter<>(name, value -> Long.valueOf(nonEmpty(value)));
        }
        return null;
    }

    private static String nonEmpty(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return value;
    }

    private static String queryParamName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private record Converter<T>(String name, java.util.function.Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new WebApplicationException(ProblemException.invalidField(name, "invalid-value"), 400);
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value instanceof Enum<?> en ? en.name() : value.toString();
        }
    }
}
