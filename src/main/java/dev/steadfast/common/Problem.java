package dev.steadfast.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * An RFC 9457 problem body. {@code errors} maps a request field to what is wrong with it and is
 * present only for validation failures.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, Map<String, String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are relative URIs naming the kind of failure; clients can switch on them. */
    public static Problem of(int status, String type, String title, String detail) {
        return new Problem("/problems/" + type, title, status, detail, null);
    }

    public Problem withErrors(Map<String, String> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }
}
