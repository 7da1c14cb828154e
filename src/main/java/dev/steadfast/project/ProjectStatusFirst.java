package dev.steadfast.project;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * A request to a project that does not exist gets the 404, and one to an archived or purged
 * project the 410, whatever else is wrong with it: not a 400 or 415 about its body or query
 * parameters, which are read and validated before the operation runs, and the operation is where
 * the project is looked up. Runs on the operations {@link InsideProject} marks, after routing and
 * authentication (a caller without a valid token still gets the 401) and before the body filters.
 * Only the project's status is checked here (from memory once the project was seen active); a
 * project whose file is unavailable (503, often for a moment) is answered by the operation.
 */
@Provider
@InsideProject
@Priority(Priorities.USER - 200)
public class ProjectStatusFirst implements ContainerRequestFilter {

    private final ProjectService projects;

    ProjectStatusFirst(ProjectService projects) {
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
