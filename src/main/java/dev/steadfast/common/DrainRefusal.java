package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Once the drain of a graceful shutdown begins (SIGTERM, then the readiness delay), refuses every new
 * API request with a 503 {@code shutting-down} before anything of it runs, and closes its connection.
 * Quarkus' own graceful shutdown filter (3.34) still runs a request that arrives during the drain, and
 * one that arrives after the last in-flight request finished is run while the server closes: its
 * write committed, its connection cut, and a client that repeats it creates a duplicate.
 * <p>
 * A request that got past this check was counted by Quarkus' filter (the outermost handler) before,
 * so the drain waits for it; refusing starts when the readiness delay, counted from the event Quarkus
 * fires before it sleeps that delay, is over: never after the drain began.
 */
@ApplicationScoped
public class DrainRefusal {

    /** Set at SIGTERM; the only check a request pays while the service runs. */
    private volatile boolean stopping;
    /** {@link System#nanoTime()} from which requests are refused; read once {@link #stopping} is set. */
    private volatile long refuseFrom;

    private final SteadfastConfig config;

    DrainRefusal(SteadfastConfig config) {
        this.config = config;
    }

    void onSigterm(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFrom = System.nanoTime() + config.shutdown().readinessDelay().toNanos();
        stopping = true;
    }

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        String refusal = json.writeValueAsString(Problem.of(503, "shutting-down", "Shutting down",
                "The service is stopping; nothing of this request was run. Retry it: another instance, or this one once restarted, will take it."));
        router.route("/api/*").order(Integer.MIN_VALUE).handler(context -> {
            if (stopping && System.nanoTime() - refuseFrom >= 0) {
                context.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE).putHeader("Retry-After", "1").end(refusal);
            } else {
                context.next();
            }
        });
    }
}
