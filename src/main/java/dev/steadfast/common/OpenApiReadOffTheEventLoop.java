package dev.steadfast.common;

import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes the first read of the OpenAPI document on a worker thread whichever path fetches it.
 * Quarkus serves {@code /q/openapi} from a worker, but {@code /q/openapi.json}, {@code .yaml} and
 * {@code .yml} from the event loop, where the half-second read that
 * {@link OpenApiReadOnFirstFetchInterceptor} moves to the first fetch would stall every connection
 * of that loop. For those paths this route asks for the document on a worker first (a no-op once
 * it is read), then lets Quarkus answer.
 */
@ApplicationScoped
public class OpenApiReadOffTheEventLoop {

    /** Quarkus's name for the one document it builds unless more are configured. */
    private static final String DEFAULT_DOCUMENT = "<default>";

    void install(@Observes Router router, OpenApiDocumentService documents) {
        router.routeWithRegex("^/q/openapi\\.(json|ya?ml)$").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 3)
                .blockingHandler(context -> {
                    documents.getDocument(DEFAULT_DOCUMENT, Format.JSON);
                    context.next();
                }, false);
    }
}
