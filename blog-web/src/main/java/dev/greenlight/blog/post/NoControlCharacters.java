package dev.greenlight.blog.post;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The annotated text holds only characters a page and the feed can show (see {@link PlainText}). */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NoControlCharacters.Validator.class)
public @interface NoControlCharacters {

    /** Whether tabs and line breaks are allowed. */
    boolean lineBreaks() default false;

    String message() default "has characters that cannot be shown";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoControlCharacters, String> {

        private boolean lineBreaks;

        @Override
        public void initialize(NoControlCharacters annotation) {
            this.lineBreaks = annotation.lineBreaks();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PlainText.firstForbidden(value, lineBreaks) < 0;
        }
    }
}
