package dev.steadfast.common;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * A request body with a content coding ({@code Content-Encoding: gzip}) is refused with a 415
 * (RFC 9110 §15.5.16). The service does not decode request bodies, so it would read the compressed
 * bytes as if they were the content: JSON as malformed, an artifact stored as bytes nobody sent as
 * its content. {@code identity} is no coding and is accepted. Runs on the operations that read a
 * body ({@link JsonBody}, and the artifact upload through {@link #refuseCoded}), after routing and
 * authentication, so a wrong path, method or missing token is answered as for any request.
 */
@Provider
@JsonBody
@Priority(Priorities.USER - 100)
public class ContentEncodings implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        refuseCoded(request.getHeaders().get(HttpHeaders.CONTENT_ENCODING));
    }

    /** A 415 if any of the request's Content-Encoding lines names a coding other than identity. */
    public static void refuseCoded(List<String> contentEncodings) {
        if (contentEncodings == null) {
            return;
        }
        for (String line : contentEncodings) {
            for (String coding : line.split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                    throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                            "The service reads request bodies without a content coding (this one is " + name
                                    + "): send the body uncompressed, without Content-Encoding."));
                }
            }
        }
    }
}
