package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;

/**
 * The health, OpenAPI and metrics endpoints are read-only, but Quarkus serves them on every method:
 * {@code DELETE /q/health/ready} answered 200 with the readiness report. Here any method other than
 * GET and HEAD gets a 405 problem whose Allow header names them, and OPTIONS that list; GET and HEAD
 * go on to Quarkus. Installed after the HTTP security checks, so the metrics endpoint still gives its
 * 401 to a caller without a valid token first, whatever the method.
 */
@ApplicationScoped
public class ManagementMethods {

    /** The read-only endpoints Quarkus serves under /q, each with everything below it (regular expressions). */
    private static final List<String> ENDPOINTS = List.of("/q/health", "/q/openapi(\\.json|\\.ya?ml)?", "/q/metrics");
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final String ALLOWED = "GET, HEAD, OPTIONS";

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String problem = json.writeValueAsString(Problem.of(405, "method-not-allowed", "Method Not Allowed",
                "This endpoint is read-only: it answers GET and HEAD."));
        for (String endpoint : ENDPOINTS) {
            router.routeWithRegex("^" + endpoint + "(/.*)?$").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 2)
                    .handler(context -> {
                        HttpMethod method = context.request().method();
                        if (READS.contains(method)) {
                            context.next();
                        } else if (method.equals(HttpMethod.OPTIONS)) {
                            context.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, ALLOWED).end();
                        } else {
                            context.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, ALLOWED)
                                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
                        }
                    });
        }
    }
}
