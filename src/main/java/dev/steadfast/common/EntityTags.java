package dev.steadfast.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code If-None-Match} as RFC 9110 §13.1.2 defines it: the weak comparison, so {@code W/"x"}
 * matches the tag {@code "x"}, and any member of a list, or {@code *}, is a match. Quarkus REST's
 * {@code Request.evaluatePreconditions} compares strongly here, which sent a cache that revalidates
 * with a weak tag (as proxies that compress do) the whole body again.
 */
public final class EntityTags {

    private static final Pattern TAG = Pattern.compile("(?:W/)?\"([^\"]*)\"");

    private EntityTags() {
    }

    /** Whether an {@code If-None-Match} header value (null when absent) matches the opaque tag. */
    public static boolean noneMatchHits(String ifNoneMatch, String opaqueTag) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        Matcher tags = TAG.matcher(ifNoneMatch);
        while (tags.find()) {
            if (tags.group(1).equals(opaqueTag)) {
                return true;
            }
        }
        return false;
    }
}
