package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.vertx.VertxInputStream;

/**
 * A request body over {@code quarkus.http.limits.max-body-size} gets the 413 as a problem document
 * naming the limit. One that declares its length is refused before it is read: Quarkus's own check,
 * which runs right after this one, would answer with an empty 413; like it, this closes an HTTP/1.1
 * connection, so the body is never read. A chunked body is measured as it is read, by the service's
 * body readers ({@link Utf8JsonBody}): the HTTP layer's own cut-off, which answers with an empty 413
 * while the service is still reading and then logs the failed read as an error, is moved to twice the
 * limit for such a body, where it stays as a backstop.
 */
@ApplicationScoped
public class OversizedBodies {

    /** Where Quarkus REST's body stream reads its cut-off, put there by Quarkus's own limit check. */
    private static final String HTTP_LAYER_LIMIT = VertxInputStream.MAX_REQUEST_SIZE_KEY;

    /** The 413 for a body over the limit of {@code max} bytes. */
    public static Problem problem(long max) {
        return Problem.of(413, "content-too-large", "Content Too Large",
                "The request body is larger than the " + max + " bytes the service accepts.");
    }

    void install(@Observes Router router, ObjectMapper json,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) throws JsonProcessingException {
        long max = limit.asLongValue();
        String problem = json.writeValueAsString(problem(max));
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            if (declaredLength(context) < 0 && context.get(HTTP_LAYER_LIMIT) != null) {
                context.put(HTTP_LAYER_LIMIT, 2 * max);
            }
            context.next();
        });
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            if (declaredLength(context) > max) {
                HttpServerResponse response = context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
                if (context.request().version() != HttpVersion.HTTP_2) {
                    // HTTP/1.1 has no other way to skip the body; HTTP/2 forbids the header and
                    // ends just this stream, leaving the connection's other streams alone.
                    response.putHeader(HttpHeaders.CONNECTION, "close")
                            .endHandler(done -> context.request().connection().close());
                }
                response.end(problem);
                return;
            }
            context.next();
        });
    }

    /** The Content-Length, or -1 without one (a chunked body) or with one that is not a number. */
    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
