package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request body with a content coding ({@code Content-Encoding: gzip}) is refused with a 415
 * (RFC 9110 §15.5.16). The service does not decode request bodies, so it would read the compressed
 * bytes as if they were the content: JSON as malformed, an artifact stored as bytes nobody sent as
 * its content. {@code identity} is no coding and is accepted.
 */
@ApplicationScoped
public class ContentEncodings {

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String problem = json.writeValueAsString(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                "The service reads request bodies without a content coding: send the body uncompressed,"
                        + " without Content-Encoding."));
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3).handler(context -> {
            String coding = context.request().getHeader(HttpHeaders.CONTENT_ENCODING);
            if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
                context.response().setStatusCode(415).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.ACCEPT_ENCODING, "identity").end(problem);
                return;
            }
            context.next();
        });
    }
}
