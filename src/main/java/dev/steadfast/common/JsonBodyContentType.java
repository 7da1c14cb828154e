package dev.steadfast.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;

/**
 * 415 for a body sent to a {@link JsonBodies} resource without a Content-Type, or as JSON in a
 * charset other than UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8; the reader
 * would decode any other as UTF-8 and store something else than was sent). Requests without a
 * body, like the actions of these resources, pass whatever they declare.
 */
@Provider
@JsonBodies
public class JsonBodyContentType implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!hasBody(request)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null) {
            throw unsupported("The request has a body but no Content-Type; send it as application/json.");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && charset != null
                && !charset.strip().replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw unsupported("JSON is read as UTF-8 only; the request declares charset=" + charset + ".");
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type", detail));
    }
}
