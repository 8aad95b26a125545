package dev.kaigi.chassis.problem;

import java.util.List;

/**
 * Thrown by services and policies to answer with a problem. The {@code code} selects the
 * localized title and detail ({@code <code>.title}, {@code <code>.detail} in the service's
 * {@code problems} bundle or the chassis bundle); {@code args} fill the detail's placeholders.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldViolation> violations;
    private final transient Object[] args;

    public ProblemException(int status, String code, List<FieldViolation> violations, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.args = args.clone();
    }

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", what);
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden");
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(409, code, args);
    }

    /** A request field with a bad value, explained by the message {@code field.<reason>} of the bundles. */
    public static ProblemException invalidField(String field, String reason, Object... args) {
        return new ProblemException(400, "validation-failed",
                List.of(new FieldViolation(field, reason, null)), args);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    Object[] args() {
        return args.clone();
    }
}
