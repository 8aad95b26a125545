package dev.kaigi.chassis.problem;

/**
 * One offending field of a request: {@code field} is its JSON path as the client sent it (e.g.
 * {@code email}, {@code breaks[1].end}), {@code code} a stable machine reason, {@code message} the
 * reason in the caller's language.
 */
public record FieldViolation(String field, String code, String message) {
}
