package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request the HTTP router refuses before any route runs (no {@code Host} header, or one that is
 * not a host: {@code Host: a/b}) gets a 400 problem document. Quarkus's last-resort handler
 * answered it with a plain-text page saying "500 - Internal Server Error" and logged an ERROR with
 * an incident id for every such request: any client, signed in or not, could fill the log with
 * incidents that are nobody's fault but its own.
 */
@ApplicationScoped
public class MalformedRequests {

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String problem = json.writeValueAsString(Problem.of(400, "bad-request", "Bad Request",
                "The request is not a well-formed HTTP request: it needs a Host header naming this service."));
        // First among the failure handlers, before Quarkus's own at the end of the router.
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 400 && context.failure() instanceof VertxException && !context.response().headWritten()) {
                context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
                return;
            }
            context.next();
        });
    }
}
