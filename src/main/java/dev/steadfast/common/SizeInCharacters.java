package dev.steadfast.common;

/**
 * {@code @Size} on text counted in characters (Unicode code points), as the API's messages ("at
 * most 200 characters"), JSON Schema's {@code maxLength} in the OpenAPI document and SQLite's
 * {@code length()} in the files' CHECK constraints all count, rather than in UTF-16 code units,
 * which count an emoji as two characters.
 */
public final class SizeInCharacters {

    private SizeInCharacters() {
    }

    /** Whether the text has from {@code min} to {@code max} characters. */
    public static boolean fits(CharSequence text, int min, int max) {
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
