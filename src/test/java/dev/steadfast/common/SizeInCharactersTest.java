package dev.steadfast.common;

import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds of {@code @Size} in characters, around the shortcuts that avoid counting. */
class SizeInCharactersTest {

    private static final String SMILE = "\uD83D\uDE00"; // one character, two UTF-16 units

    @Size(min = 1, max = 1)
    private String exactlyOne;

    @Size(min = 2, max = 3)
    private String twoToThree;

    @Test
    void shouldCountCharactersAtEveryBound() throws Exception {
        SizeInCharacters one = validator("exactlyOne");
        assertTrue(one.isValid(SMILE, null));
        assertTrue(one.isValid("a", null));
        assertFalse(one.isValid("", null));
        assertFalse(one.isValid(SMILE + "a", null));
        assertFalse(one.isValid(SMILE + SMILE, null));
        assertTrue(one.isValid(null, null), "absence is @NotNull's business");

        SizeInCharacters twoToThree = validator("twoToThree");
        assertTrue(twoToThree.isValid(SMILE + SMILE + SMILE, null));
        assertTrue(twoToThree.isValid(SMILE + "a", null));
        assertFalse(twoToThree.isValid(SMILE, null), "two units, one character");
        assertFalse(twoToThree.isValid(SMILE + SMILE + SMILE + SMILE, null));
        assertFalse(twoToThree.isValid("abcd", null));
    }

    private static SizeInCharacters validator(String field) throws NoSuchFieldException {
        SizeInCharacters validator = new SizeInCharacters();
        validator.initialize(SizeInCharactersTest.class.getDeclaredField(field).getAnnotation(Size.class));
        return validator;
    }
}
