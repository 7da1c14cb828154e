package dev.steadfast.project.control;

import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.JsonBody;
import dev.steadfast.project.InsideProject;
import dev.steadfast.project.ProjectService;
import dev.steadfast.run.RunService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A project's control state: paused or not, and the attempts a task's runs get. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@InsideProject
@Path("/api/projects/{projectId}/control")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "control")
public class ControlResource {

    private final ProjectService projects;
    private final ControlService control;
    private final RunService runs;

    ControlResource(ProjectService projects, ControlService control, RunService runs) {
        this.projects = projects;
        this.control = control;
        this.runs = runs;
    }

    @GET
    @Operation(summary = "The project's control state")
    public ControlView get(@PathParam("projectId") String projectId) {
        projects.enter(projectId);
        runs.applyTimeouts(); // a timed-out run no longer holds the current task
        return control.get();
    }

    @PUT
    @Operation(summary = "Pause or resume the project's runs and set the attempts per task")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public ControlView update(@PathParam("projectId") String projectId,
                              UpdateControlRequest request) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        runs.applyTimeouts();
        return control.update(request);
    }
}
