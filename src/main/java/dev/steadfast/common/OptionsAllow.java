package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;
import java.util.TreeSet;

/**
 * Answers OPTIONS on an API path with the methods served there, the same list a 405 gives in its
 * Allow header. Quarkus REST's own answer lists the methods of every template of the resource
 * class, served on that path or not. A caller without a valid token gets the 401 any operation
 * gives it, as for a wrong method (see {@link ApiCallers}); a path that does not exist is a 404,
 * where Quarkus REST would answer 200 for any path under an existing resource's.
 */
@ApplicationScoped
public class OptionsAllow {

    void install(@Observes Router router, RouteMethods routes, ObjectMapper json) throws JsonProcessingException {
        String challenge = json.writeValueAsString(
                Problem.of(401, "unauthorized", "Unauthorized", ProblemMappers.CREDENTIALS_REQUIRED));
        String notFound = json.writeValueAsString(
                Problem.of(404, "not-found", "Not Found", ProblemMappers.detailFor(404)));
        router.route(HttpMethod.OPTIONS, "/api/*").handler(context -> {
            String path = context.normalizedPath();
            Uni<Boolean> mayKnow = ApiCallers.isOpen(path) ? Uni.createFrom().item(true) : ApiCallers.authenticated(context);
            mayKnow.subscribe().with(authenticated -> {
                if (context.response().headWritten()) {
                    // A token that failed authentication was already answered (401) by the HTTP
                    // layer: answering again would throw, and each such request log an ERROR.
                    return;
                }
                if (!authenticated) {
                    context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(challenge);
                    return;
                }
                Set<String> served = new TreeSet<>(routes.servedOn(path));
                if (served.isEmpty()) {
                    context.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(notFound);
                    return;
                }
                served.add(HttpMethod.OPTIONS.name());
                context.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, String.join(", ", served)).end();
            }, context::fail);
        });
    }
}
