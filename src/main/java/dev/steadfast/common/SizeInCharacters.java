package dev.steadfast.common;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} on text counted in characters (Unicode code points), as the API's messages ("at
 * most 200 characters"), JSON Schema's {@code maxLength} in the OpenAPI document and SQLite's
 * {@code length()} in the files' CHECK constraints all count, rather than in UTF-16 code units:
 * Hibernate Validator's own validator counted an emoji as two characters.
 */
public class SizeInCharacters implements ConstraintValidator<Size, CharSequence> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
        min = size.min();
        max = size.max();
    }

    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
        if (text == null) {
            return true;
        }
        int units = text.length(); // never fewer code points than this, never more than half of it fewer
        if (units < min) {
            return false;
        }
        if (units <= max && (min == 0 || units / 2 >= min)) {
            return true; // decided without counting: the common case, and a megabyte content is not walked
        }
        int characters = Character.codePointCount(text, 0, units);
        return characters >= min && characters <= max;
    }
}
