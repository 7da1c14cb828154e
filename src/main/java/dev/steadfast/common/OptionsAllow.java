package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steadfast.project.ProjectService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers OPTIONS on an API path with the methods served there, the same list a 405 gives in its
 * Allow header. Quarkus REST's own answer lists the methods of every template of the resource
 * class, served on that path or not. A caller without a valid token gets the 401 any operation
 * gives it, as for a wrong method (see {@link ApiCallers}); a path that does not exist is a 404,
 * where Quarkus REST would answer 200 for any path under an existing resource's, and so is a path
 * inside a project that does not exist: the 404 its operations give.
 */
@ApplicationScoped
public class OptionsAllow {

    /** A path naming a project: its id is the segment after {@code projects/}. */
    private static final Pattern PROJECT_PATH = Pattern.compile("/api/(admin/)?projects/([^/]+)(/.*)?");

    void install(@Observes Router router, RouteMethods routes, ProjectService projects, ObjectMapper json)
            throws JsonProcessingException {
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
                Matcher project = PROJECT_PATH.matcher(path);
                if (!project.matches()) {
                    allow(context, served);
                    return;
                }
                // Looking the project up may read the catalog: not on the event loop.
                context.vertx().executeBlocking(() -> {
                    requireServed(projects, project);
                    return served;
                }, false).onSuccess(known -> allow(context, known)).onFailure(failure -> {
                    if (failure instanceof ProblemException refused) {
                        problem(context, json, refused.problem());
                    } else {
                        context.fail(failure);
                    }
                });
            }, context::fail);
        });
    }

    /**
     * The answer the path's operations give about its project: 404 unknown; inside a project (its
     * tasks, runs…), 410 unless it is active; on the project itself, 410 once purged (an archived
     * project can still be purged, so its own path lists its methods); the admin's paths, whatever its status.
     */
    private static void requireServed(ProjectService projects, Matcher project) {
        String projectId = project.group(2);
        if (project.group(1) != null) {
            projects.requireExisting(projectId);
        } else if (project.group(3) != null) {
            projects.requireActive(projectId);
        } else {
            projects.requireNotPurged(projectId);
        }
    }

    private static void allow(RoutingContext context, Set<String> methods) {
        context.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, String.join(", ", methods)).end();
    }

    private static void problem(RoutingContext context, ObjectMapper json, Problem problem) {
        try {
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
