package dev.steadfast.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids given as query parameters ({@code ?taskId=}, {@code ?runId=}, ...). Resources take them as
 * text and parse them here, so that {@code ?taskId=abc} is a 400 naming the parameter rather than
 * the 404 JAX-RS gives for a query parameter it cannot convert to a {@code Long}.
 */
public final class QueryIds {

    static final String NOT_A_NUMBER = "must be a whole number";

    private QueryIds() {
    }

    /** The id, or null when the parameter is absent or blank; a 400 problem naming it when it is not a number. */
    public static Long parse(String name, String value) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long id = parse(name, value, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(name, errors.get(name));
        }
        return id;
    }

    /**
     * The id, or null when the parameter is absent or blank; when it is not a number, null and an
     * entry in {@code errors}, so that a resource can report every bad parameter at once.
     */
    public static Long parse(String name, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            errors.put(name, NOT_A_NUMBER);
            return null;
        }
    }
}
