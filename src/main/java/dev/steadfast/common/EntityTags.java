package dev.steadfast.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code If-Match} and {@code If-None-Match} as RFC 9110 §13.1 defines them. An entity tag is
 * quoted ({@code "x"}, weak {@code W/"x"}); a value that is not {@code *} or a list of such tags
 * never matches: an unquoted {@code x} is not the tag {@code "x"}. {@code If-None-Match} compares
 * weakly, so {@code W/"x"} matches the tag {@code "x"} (Quarkus REST's
 * {@code Request.evaluatePreconditions} compared strongly, and read unquoted tags as quoted ones);
 * {@code If-Match} compares strongly, so a weak tag never lets a change through.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** Whether an {@code If-None-Match} value (null when absent) matches the opaque tag: the 304 case. */
    public static boolean noneMatchHits(String ifNoneMatch, String opaqueTag) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        return parse(ifNoneMatch).map(tags -> tags.stream().anyMatch(t -> t.opaque().equals(opaqueTag))).orElse(false);
    }

    /**
     * Whether an {@code If-Match} value (null when absent) stops a request on a resource whose
     * current tag is {@code opaqueTag}: the 412 case. Absent or {@code *} never stops it (the
     * resource exists); a list must hold the tag, strong.
     */
    public static boolean matchFails(String ifMatch, String opaqueTag) {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return false;
        }
        return !parse(ifMatch).map(tags -> tags.stream().anyMatch(t -> !t.weak() && t.opaque().equals(opaqueTag)))
                .orElse(false);
    }

    /**
     * A list header's value from all its lines, null when it was not sent. RFC 9110 §5.3: a field
     * sent on several lines is the same as one line joining them with commas, as proxies may split it.
     */
    public static String combined(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join(", ", lines);
    }

    /** The quoted form of an opaque tag, as an {@code ETag} header carries it. */
    public static String quoted(String opaqueTag) {
        return '"' + opaqueTag + '"';
    }

    private record Tag(boolean weak, String opaque) {
    }

    /** The tags of a comma-separated list; empty when the value is not one. */
    private static Optional<List<Tag>> parse(String value) {
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (true) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                return tags.isEmpty() ? Optional.empty() : Optional.of(tags);
            }
            boolean weak = value.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                return Optional.empty();
            }
            int close = value.indexOf('"', i + 1);
            if (close < 0) {
                return Optional.empty();
            }
            tags.add(new Tag(weak, value.substring(i + 1, close)));
            i = close + 1;
            if (i < n && value.charAt(i) != ',' && value.charAt(i) != ' ' && value.charAt(i) != '\t') {
                return Optional.empty();
            }
        }
    }
}
