package dev.steadfast.project;

import dev.steadfast.common.Problem;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A request whose transaction committed but could not be made durable ({@link GroupCommit}) is not
 * acknowledged: it answers 503 instead of what the resource returned. The commit runs on the
 * request's worker thread before its response is filtered, so the thread-local outcome is this
 * request's.
 */
public class NotDurableWrites {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerResponseFilter
    public void refuseUnlessDurable(ContainerResponseContext response) {
        String failure = GroupCommit.takeFailure();
        if (failure == null) {
            return;
        }
        response.getHeaders().remove(HttpHeaders.LOCATION);
        response.getHeaders().remove(HttpHeaders.ETAG);
        response.setStatus(503);
        response.setEntity(Problem.of(503, "not-durable", "Write not durable",
                "The change was committed but could not be written to disk for certain, so it may be lost if the "
                        + "machine loses power (" + failure + "). The service needs a restart; check whether the "
                        + "change is there before repeating it."), null, PROBLEM);
    }
}
