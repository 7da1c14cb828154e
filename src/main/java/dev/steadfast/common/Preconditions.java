package dev.steadfast.common;

import java.util.List;

/**
 * The conditions a request to change a resource sets on its current state (RFC 9110 §13.1):
 * {@code If-Match}, which must hold the current tag (strong), and {@code If-None-Match}, which must
 * not hold it (weak; {@code *} holds every tag of a resource that exists). Each is the header's
 * combined value, null when it was not sent.
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    /** No conditions: the change applies to whatever state the resource is in. */
    public static final Preconditions NONE = new Preconditions(null, null);

    /** From the header lines as the REST layer hands them over (null or empty when not sent). */
    public static Preconditions of(List<String> ifMatch, List<String> ifNoneMatch) {
        return new Preconditions(EntityTags.combined(ifMatch), EntityTags.combined(ifNoneMatch));
    }

    /** Which condition a resource whose current tag is {@code opaqueTag} fails, or null if it meets both. */
    public String failedBy(String opaqueTag) {
        if (EntityTags.matchFails(ifMatch, opaqueTag)) {
            return "If-Match";
        }
        if (EntityTags.noneMatchHits(ifNoneMatch, opaqueTag)) {
            return "If-None-Match";
        }
        return null;
    }
}
