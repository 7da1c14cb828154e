package dev.steadfast.common;

import org.junit.jupiter.api.Test;

import static dev.steadfast.common.SizeInCharacters.fits;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds of {@code @Size} in characters, around the shortcuts that avoid counting. */
class SizeInCharactersTest {

    private static final String SMILE = "\uD83D\uDE00"; // one character, two UTF-16 units

    @Test
    void shouldCountCharactersAtEveryBound() {
        assertTrue(fits(SMILE, 1, 1));
        assertTrue(fits("a", 1, 1));
        assertFalse(fits("", 1, 1));
        assertFalse(fits(SMILE + "a", 1, 1));
        assertFalse(fits(SMILE + SMILE, 1, 1));

        assertTrue(fits(SMILE + SMILE + SMILE, 2, 3));
        assertTrue(fits(SMILE + "a", 2, 3));
        assertFalse(fits(SMILE, 2, 3), "two units, one character");
        assertFalse(fits(SMILE + SMILE + SMILE + SMILE, 2, 3));
        assertFalse(fits("abcd", 2, 3));
    }
}
