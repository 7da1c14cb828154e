package dev.steadfast.common;

import java.util.Map;

/** A failure the service anticipated, carrying the problem the client should see. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final String entityTag;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, String entityTag) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.entityTag = entityTag;
    }

    public Problem problem() {
        return problem;
    }

    /** The current tag of the resource, sent as {@code ETag} with the problem; null for none. */
    public String entityTag() {
        return entityTag;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad Request", detail));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request",
                "The request has invalid fields.").withErrors(Map.of(field, message)));
    }

    /** A 400 naming every invalid field or parameter in {@code errors}, when there is any. */
    public static void throwIfInvalid(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    "The request has invalid fields.").withErrors(errors));
        }
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not Found", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    /** 412: the resource changed since the client read it; {@code currentTag} is its tag now (opaque). */
    public static ProblemException preconditionFailed(String detail, String currentTag) {
        return new ProblemException(Problem.of(412, "precondition-failed", "Precondition Failed", detail), currentTag);
    }

    public static ProblemException gone(String detail) {
        return new ProblemException(Problem.of(410, "gone", "Gone", detail));
    }

    /** 503: the service cannot write into a directory of its data directory; nothing was changed. */
    public static ProblemException storageNotWritable(String detail) {
        return new ProblemException(Problem.of(503, "storage-not-writable", "Storage not writable", detail));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "unavailable", "Service Unavailable", detail));
    }
}
