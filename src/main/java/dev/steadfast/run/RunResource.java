package dev.steadfast.run;

import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.JsonBody;
import dev.steadfast.common.Page;
import dev.steadfast.common.PageParams;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.QueryEnums;
import dev.steadfast.common.QueryIds;
import dev.steadfast.project.InsideProject;
import dev.steadfast.project.ProjectService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** A project's runs: attempts at its tasks, started within the control state and finished by their executor. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@InsideProject
@Path("/api/projects/{projectId}/runs")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "runs")
public class RunResource {

    private final ProjectService projects;
    private final RunService runs;

    RunResource(ProjectService projects, RunService runs) {
        this.projects = projects;
        this.runs = runs;
    }

    @POST
    @Operation(summary = "Start the next attempt at a task; 409 when paused, already running, out of attempts or finished")
    @APIResponse(responseCode = "201", description = "Started; Location names the run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "The project is paused, or the task is finished, already has a RUNNING run "
            + "or has used all its attempts")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("projectId") String projectId,
                          StartRunRequest request,
                          @Context UriInfo uri) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        RunView started = runs.start(request.taskId());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(started.id())).build())
                .entity(started).build();
    }

    @GET
    @Operation(summary = "List runs, oldest first, optionally by task and status")
    public Page<RunView> list(@PathParam("projectId") String projectId, @BeanParam PageParams params,
                              @QueryParam("taskId") String taskId,
                              @QueryParam("status") @Parameter(schema = @Schema(implementation = RunStatus.class)) String status) {
        Map<String, String> errors = new LinkedHashMap<>();
        PageParams.PageRequest page = params.toRequest(errors);
        Long taskFilter = QueryIds.parse("taskId", taskId, errors);
        RunStatus statusFilter = QueryEnums.parse(RunStatus.class, "status", status, errors);
        ProblemException.throwIfInvalid(errors);
        projects.enter(projectId);
        return runs.list(page.page(), page.size(), taskFilter, statusFilter);
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run")
    public RunView get(@PathParam("projectId") String projectId, @PathParam("runId") long runId) {
        projects.enter(projectId);
        return runs.get(runId);
    }

    @POST
    @Path("/{runId}/finish")
    @Operation(summary = "Record how a RUNNING run ended: SUCCESS, FAILURE or CANCELLED, with summary and gates")
    @APIResponse(responseCode = "200", description = "The run as it ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "The run is no longer RUNNING")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public RunView finish(@PathParam("projectId") String projectId, @PathParam("runId") long runId,
                          FinishRunRequest request) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        return runs.finish(runId, request);
    }
}
