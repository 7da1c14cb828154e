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
    static final String TOO_LONG = "must be a whole number of at most 18 digits";

    private QueryIds() {
    }

    /** The id, or null when the parameter is absent or empty (only spaces is an error: a filter that looks given must never be ignored); a 400 problem naming it when it is not a number. */
    public static Long parse(String name, String value) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long id = parse(name, value, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(name, errors.get(name));
        }
        return id;
    }

    /**
     * The id, or null when the parameter is absent or empty (only spaces is an error: a filter that looks given must never be ignored); when it is not a number, null and an
     * entry in {@code errors}, so that a resource can report every bad parameter at once.
     */
    public static Long parse(String name, String value, Map<String, String> errors) {
        if (value == null || value.isEmpty()) { // ?taskId= is no filter, as an absent one
            return null;
        }
        try {
            return digits(value);
        } catch (NumberFormatException e) {
            boolean allDigits = value.chars().allMatch(c -> c >= '0' && c <= '9');
            errors.put(name, allDigits ? TOO_LONG : NOT_A_NUMBER); // 19 digits is a number, only too long for an id
            return null;
        }
    }

    /**
     * A number written in ASCII digits and nothing else. {@link Long#parseLong} also takes a sign
     * ({@code +5}) and other scripts' digits, and a caller's strip would take spaces: each is a
     * typo or a client bug the request should be told about, not a value to guess at.
     */
    static long digits(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("not written in digits: " + value.length() + " characters");
        }
        return Long.parseLong(value);
    }
}
