package dev.steadfast.common;

import java.util.regex.Pattern;

/**
 * The rules for a single-line name or title (projects, tasks, change requests, artifacts), for
 * {@code @Pattern} constraints and for values read outside a JSON body. The same field has the
 * same rules when created and when edited. Display names and token names may be empty, so they
 * take only {@link #NO_CONTROLS}: they appear in lists, logs and audit lines, one per line.
 *
 * <p>The service stores such a value {@code strip()}ped, and SQLite's {@code length()} stops at the
 * first NUL: a value that strips to nothing or contains control characters would pass a length
 * check here and fail a {@code CHECK (length(...) BETWEEN 1 AND 200)} in the database, possibly after
 * another file was already written.
 */
public final class SingleLineText {

    /**
     * At least one character that shows: not whitespace in Unicode's sense, not an invisible format
     * character (category Cf: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF, soft hyphen,
     * direction marks), not a Hangul filler, and not one of the other characters drawn as nothing
     * (U+034F COMBINING GRAPHEME JOINER, the variation selectors, the Mongolian free variation
     * selectors, the Khmer inherent vowels, U+2800 BRAILLE PATTERN BLANK), so a title of only such
     * characters, which displays as nothing, is refused like an empty one. Java's plain {@code \S} is ASCII-only, so U+3000
     * IDEOGRAPHIC SPACE would pass it; {@code (?U)} makes it Unicode's White_Space, which covers
     * everything {@code strip()} removes except the control characters that {@link #NO_CONTROLS}
     * refuses. DOTALL: a line break must not hide the rest of the value.
     */
    public static final String VISIBLE = "(?U)(?s).*[^\\s\\p{Cf}\\u115F\\u1160\\u3164\\uFFA0"
            + "\\u034F\\u17B4\\u17B5\\u180B-\\u180D\\u180F\\u2800\\uFE00-\\uFE0F\\x{E0100}-\\x{E01EF}].*";

    /** No control character (C0, DEL, C1: tab and line feed included) and no Unicode line or paragraph separator. */
    public static final String NO_CONTROLS = "(?U)[^\\p{Cntrl}\\p{Zl}\\p{Zp}]*";

    public static final String NO_CONTROLS_MESSAGE = "must be a single line without control characters";

    private static final Pattern VISIBLE_PATTERN = Pattern.compile(VISIBLE);
    private static final Pattern NO_CONTROLS_PATTERN = Pattern.compile(NO_CONTROLS);

    private SingleLineText() {
    }

    /** Whether the value has a character that is not whitespace (false for null). */
    public static boolean isVisible(String value) {
        return value != null && VISIBLE_PATTERN.matcher(value).matches();
    }

    /** Whether the value is free of control characters and line breaks (true for null). */
    public static boolean hasNoControls(String value) {
        return value == null || NO_CONTROLS_PATTERN.matcher(value).matches();
    }
}
