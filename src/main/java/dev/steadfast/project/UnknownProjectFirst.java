package dev.steadfast.project;

import dev.steadfast.common.JsonBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * A body sent to a project that does not exist gets the 404, and one sent to an archived or purged
 * project the 410, not a 400 or 415 about the body: the body is read and validated before the
 * operation runs, and the operation is where the project is looked up. Runs on the operations that
 * read a JSON body, after routing and authentication (a caller without a valid token still gets the
 * 401) and before the other body filters. Only the project's status in the catalog is checked here;
 * a project whose file is unavailable (503, often for a moment) is answered by the operation, as before.
 */
@Provider
@JsonBody
@Priority(Priorities.USER - 200)
public class UnknownProjectFirst implements ContainerRequestFilter {

    private final ProjectService projects;

    UnknownProjectFirst(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String projectId = request.getUriInfo().getPathParameters().getFirst("projectId");
        if (projectId != null) {
            projects.requireActive(projectId);
        }
    }
}
