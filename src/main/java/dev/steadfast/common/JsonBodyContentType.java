package dev.steadfast.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;

/**
 * 415 for a request to a {@link JsonBody} operation without a Content-Type, or declaring JSON in a
 * charset other than UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8; the reader
 * would decode any other as UTF-8 and store something else than was sent).
 */
@Provider
@JsonBody
public class JsonBodyContentType implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            throw unsupported("The request has no Content-Type; this operation reads a JSON body: send it as application/json.");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header.strip());
        } catch (IllegalArgumentException e) {
            throw unsupported("The request's Content-Type is not a media type; send the body as application/json.");
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            throw unsupported("A Content-Type of " + header.strip() + " does not say what the body is; send it as application/json.");
        }
        requireUtf8(type);
    }

    /** Refuses JSON declared in another charset than UTF-8; no charset is UTF-8. */
    public static void requireUtf8(MediaType json) {
        String charset = json.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.strip().replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw unsupported("JSON is read as UTF-8 only; the request declares charset=" + charset + ".");
        }
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type", detail));
    }
}
