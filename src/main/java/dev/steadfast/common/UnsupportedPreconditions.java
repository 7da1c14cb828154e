package dev.steadfast.common;

import dev.steadfast.project.ProjectService;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates {@code If-Match} and {@code If-None-Match} on the operations that keep no entity tag
 * (all but those {@link Conditional} marks), as RFC 9110 (section 13.1) asks of every origin server: they
 * applied a change whatever the header said, so a client that sent {@code If-Match} to change a
 * user only as it read them silently overwrote someone else's change. With no tag to compare:
 * <ul>
 * <li>{@code If-Match} naming any tag (or none: an empty header) matches nothing: 412, nothing done;
 * {@code If-Match: *} asks only that the thing exist, which the operation itself answers (404);</li>
 * <li>{@code If-None-Match: *} on a change asks that nothing exist there yet: 412; a list of tags
 * matches none, so the request goes ahead (on a read, the whole answer instead of a 304).</li>
 * </ul>
 * Runs after authentication and the project's 404 or 410 ({@code ProjectStatusFirst}), before
 * anything is read or written. Other 404s (an unknown user or run id) and the 403s an operation
 * decides itself come later, from the operation: with one of these headers they are a 412 instead,
 * which refuses the request all the same.
 */
@Provider
@Priority(Priorities.USER - 150)
public class UnsupportedPreconditions implements ContainerRequestFilter {

    private final ProjectService projects;

    @Context
    ResourceInfo resource;

    UnsupportedPreconditions(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> ifMatch = request.getHeaders().get(HttpHeaders.IF_MATCH);
        List<String> ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if ((ifMatch == null || ifMatch.isEmpty()) && (ifNoneMatch == null || ifNoneMatch.isEmpty())) {
            return; // most requests
        }
        Method operation = resource.getResourceMethod();
        if (operation == null || operation.isAnnotationPresent(Conditional.class)
                || operation.getDeclaringClass().isAnnotationPresent(Conditional.class)) {
            return; // it compares the tags itself
        }
        if (operation.isAnnotationPresent(AlwaysRefused.class)) {
            return; // its 405 is not a 2xx, so it comes before any precondition (RFC 9110, 13.2.2)
        }
        // RFC 9110 (13.2.2): an answer other than 2xx comes before the preconditions. A project's
        // 404 does here (inside a project ProjectStatusFirst has already answered it and the 410).
        String projectId = request.getUriInfo().getPathParameters().getFirst("projectId");
        if (projectId != null) {
            projects.requireExisting(projectId);
        }
        if (ifMatch != null && !ifMatch.isEmpty() && !ifMatch.stream().allMatch(line -> "*".equals(line.strip()))) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Precondition Failed",
                    "This operation keeps no entity tag, so If-Match names no state of it: nothing was done. "
                            + "Send the request without If-Match (or with *)."));
        }
        boolean change = !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod());
        if (change && ifNoneMatch != null && ifNoneMatch.stream()
                .flatMap(line -> Arrays.stream(line.split(","))).anyMatch(tag -> tag.strip().equals("*"))) {
            throw new ProblemException(Problem.of(412, "precondition-failed", "Precondition Failed",
                    "If-None-Match: * asks for the change only where nothing exists yet, and this operation"
                            + " changes what exists: nothing was done."));
        }
    }
}
