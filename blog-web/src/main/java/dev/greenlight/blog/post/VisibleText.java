package dev.greenlight.blog.post;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The annotated text shows something: a character that is not a space, a separator (such as a no-break space)
 * or an invisible format character (such as a zero-width space or a byte-order mark). Null is left to
 * {@code @NotNull}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = VisibleText.Validator.class)
public @interface VisibleText {

    String message() default "shows nothing";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<VisibleText, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PlainText.hasVisible(value);
        }
    }
}
