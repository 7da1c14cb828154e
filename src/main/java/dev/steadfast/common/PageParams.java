package dev.steadfast.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code page} (0-based) and {@code size} query parameters every list endpoint takes. Read as
 * text and checked here, so that {@code ?size=abc} is a 400 naming the parameter rather than the
 * 404 JAX-RS gives for an unconvertible query parameter.
 */
@RegisterForReflection(methods = false) // its fields' @QueryParam are read by KnownQueryParameters
public class PageParams {

    public static final int MAX_SIZE = 200;
    static final int MAX_PAGE = 1_000_000;

    @QueryParam("page")
    @DefaultValue("0")
    String page;

    @QueryParam("size")
    @DefaultValue("50")
    String size;

    /** The validated page request; throws a 400 problem listing every bad parameter. */
    public PageRequest toRequest() {
        Map<String, String> errors = new LinkedHashMap<>();
        PageRequest request = toRequest(errors);
        ProblemException.throwIfInvalid(errors);
        return request;
    }

    /**
     * The page request, each bad parameter an entry in {@code errors} instead (the request is then
     * not to be used), so that a list reports them with its filters' in one answer.
     */
    public PageRequest toRequest(Map<String, String> errors) {
        int pageNumber = parse("page", page, 0, MAX_PAGE, errors);
        int pageSize = parse("size", size, 1, MAX_SIZE, errors);
        return new PageRequest(pageNumber, pageSize);
    }

    private static int parse(String name, String value, int min, int max, Map<String, String> errors) {
        try {
            long parsed = QueryIds.digits(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(name, "must be a whole number between " + min + " and " + max);
        return min;
    }

    /** A checked page request. */
    public record PageRequest(int page, int size) {
    }
}
