package dev.steadfast.common;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Enumerated values given as query parameters ({@code ?status=}, {@code ?type=}, ...), by name in
 * any case ({@code ?status=pending}): a URL is often typed by hand, and a filter or a label read
 * wrongly changes nothing stored. JSON bodies stay strict (StrictEnums). Resources take them as text
 * and parse them here, so that a bad value is a 400 naming the parameter and listing the names,
 * rather than the 404 JAX-RS gives for a query parameter it cannot convert.
 */
public final class QueryEnums {

    private QueryEnums() {
    }

    /** The value, or null when the parameter is absent or empty (only spaces is an error: a filter that looks given must never be ignored); a 400 problem naming it when it is no name of {@code type}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        Map<String, String> errors = new LinkedHashMap<>();
        E parsed = parse(type, name, value, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(name, errors.get(name));
        }
        return parsed;
    }

    /**
     * The value, or null when the parameter is absent or empty (only spaces is an error: a filter that looks given must never be ignored); when it is no name of {@code type},
     * null and an entry in {@code errors}, so that a resource can report every bad parameter at once.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String name, String value, Map<String, String> errors) {
        if (value == null || value.isEmpty()) { // ?status= is no filter, as an absent one
            return null;
        }
        if (value.isBlank()) {
            errors.put(name, allowed(type));
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(name, allowed(type));
            return null;
        }
    }

    /** "must be one of [A, B, C]". */
    public static String allowed(Class<? extends Enum<?>> type) {
        return "must be one of " + Arrays.toString(type.getEnumConstants());
    }
}
