package dev.kaigi.chassis.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value that is one line of text: a name, a title, a subject. It may end up in a mail header, a
 * calendar summary or a chat message, where a line break would start a header or a message of the
 * sender's choosing, so it holds no control character and no line separator ({@link ControlCharacters#inLine}).
 * Null is valid (use {@code @NotNull} or {@code @NotBlank} for that).
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    /** Resolved from the chassis' problem bundles ({@code field.single-line}) in the caller's language. */
    String message() default "{kaigi.single-line}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a {@code CharSequence}. */
    class Validator implements ConstraintValidator<SingleLine, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || !ControlCharacters.inLine(value);
        }
    }
}
