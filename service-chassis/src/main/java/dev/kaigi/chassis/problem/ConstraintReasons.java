package dev.kaigi.chassis.problem;

import jakarta.validation.ConstraintViolation;

/** The stable reason code of a Bean Validation failure, the {@code code} of a {@link FieldViolation}. */
public final class ConstraintReasons {

    private ConstraintReasons() {
    }

    public static String reasonOf(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size", "Length" -> "length";
            case "Min", "Max", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "DecimalMin",
                 "DecimalMax", "Range" -> "range";
            case "Email" -> "email";
            case "Pattern" -> "format";
            case "Past", "PastOrPresent", "Future", "FutureOrPresent" -> "time";
            default -> constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
        };
    }
}
