package dev.steadfast.task;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.Conditional;
import dev.steadfast.common.JsonBody;
import dev.steadfast.common.Page;
import dev.steadfast.common.PageParams;
import dev.steadfast.common.Preconditions;
import dev.steadfast.common.Problem;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.QueryEnums;
import dev.steadfast.project.InsideProject;
import dev.steadfast.project.ProjectService;
import dev.steadfast.review.ApprovalService;
import dev.steadfast.review.Decision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project's tasks, their versions and their status moves. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@InsideProject
@Path("/api/projects/{projectId}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "tasks")
public class TaskResource {

    private final ProjectService projects;
    private final TaskService tasks;
    private final ApprovalService approvals;
    private final SecurityIdentity identity;

    TaskResource(ProjectService projects, TaskService tasks, ApprovalService approvals, SecurityIdentity identity) {
        this.projects = projects;
        this.tasks = tasks;
        this.approvals = approvals;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a task (PENDING, version 1)")
    @APIResponse(responseCode = "201", description = "Created; Location names the task",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("projectId") String projectId,
                           CreateTaskRequest request,
                           @Context UriInfo uri) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        TaskView created = tasks.create(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).tag(TaskTags.of(created)).build();
    }

    @GET
    @Operation(summary = "List tasks (without content), oldest first, optionally by status and phase")
    public Page<TaskSummaryView> list(@PathParam("projectId") String projectId, @BeanParam PageParams params,
                                      @QueryParam("status") @Parameter(schema = @Schema(implementation = TaskStatus.class)) String status,
                                      @QueryParam("phase") @Parameter(schema = @Schema(implementation = TaskPhase.class)) String phase) {
        Map<String, String> errors = new LinkedHashMap<>();
        PageParams.PageRequest page = params.toRequest(errors);
        TaskStatus statusFilter = QueryEnums.parse(TaskStatus.class, "status", status, errors);
        TaskPhase phaseFilter = QueryEnums.parse(TaskPhase.class, "phase", phase, errors);
        ProblemException.throwIfInvalid(errors);
        projects.enter(projectId);
        return tasks.list(page.page(), page.size(), statusFilter, phaseFilter);
    }

    @GET
    @Path("/{taskId}")
    @Operation(summary = "One task with its active content; ETag names this state of it, If-None-Match gives 304, "
            + "an If-Match naming another state 412")
    @Conditional
    public RestResponse<TaskView> get(@PathParam("projectId") String projectId, @PathParam("taskId") long taskId,
                                      @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                                      @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch) {
        projects.enter(projectId);
        TaskView task = tasks.get(taskId);
        String tag = TaskTags.of(task);
        if (TaskTags.notModified(task.id(), tag, Preconditions.of(ifMatch, ifNoneMatch))) {
            return RestResponse.ResponseBuilder.<TaskView>create(RestResponse.Status.NOT_MODIFIED).tag(tag).build();
        }
        return RestResponse.ResponseBuilder.ok(task).tag(tag).build();
    }

    @PATCH
    @Path("/{taskId}")
    @Operation(summary = "Edit a task; new content becomes a new version; 412 if it changed since the If-Match tag")
    @APIResponse(responseCode = "200", description = "The task as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The task is final, or new content while its content is under approval",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    @Conditional
    public RestResponse<TaskView> update(@PathParam("projectId") String projectId, @PathParam("taskId") long taskId,
                                         @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch,
                                         UpdateTaskRequest request) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        return tagged(tasks.update(taskId, request, Preconditions.of(ifMatch, ifNoneMatch), Caller.of(identity)));
    }

    @DELETE
    @Path("/{taskId}")
    @Operation(summary = "Delete a PENDING task (others are cancelled, not deleted); 412 if it changed since the If-Match tag")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The task is not PENDING, or something refers to it: move it to CANCELLED instead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Conditional
    public void delete(@PathParam("projectId") String projectId, @PathParam("taskId") long taskId,
                       @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                       @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch) {
        projects.enter(projectId);
        tasks.delete(taskId, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @POST
    @Path("/{taskId}/transitions")
    @Operation(summary = "Move a task along its status machine; 409 names the allowed moves; 412 if it changed since the If-Match tag")
    @APIResponse(responseCode = "200", description = "The task as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The status machine does not allow this move; the detail names the moves it allows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    @Conditional
    public RestResponse<TaskView> transition(@PathParam("projectId") String projectId, @PathParam("taskId") long taskId,
                                             @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch,
                                             TransitionRequest request) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        Preconditions conditions = Preconditions.of(ifMatch, ifNoneMatch);
        if (request.to() == TaskStatus.APPROVED || request.to() == TaskStatus.REJECTED) {
            // A decision is a person's: it is recorded as an approval, whichever endpoint is used. The
            // task is read in the same transaction: the answer (and its ETag) is the state it left.
            Caller caller = Caller.of(identity);
            return tagged(QuarkusTransaction.requiringNew().call(() -> {
                approvals.decideOnTask(taskId, conditions, Decision.valueOf(request.to().name()), "decided by status transition",
                        caller);
                return tasks.get(taskId);
            }));
        }
        return tagged(tasks.transition(taskId, request.to(), conditions));
    }

    @GET
    @Path("/{taskId}/versions")
    @Operation(summary = "A task's versions (without content), oldest first")
    public Page<TaskVersionSummaryView> versions(@PathParam("projectId") String projectId,
                                                 @PathParam("taskId") long taskId, @BeanParam PageParams params) {
        PageParams.PageRequest page = params.toRequest();
        projects.enter(projectId);
        return tasks.versions(taskId, page.page(), page.size());
    }

    @GET
    @Path("/{taskId}/versions/{number}")
    @Operation(summary = "One version of a task with its content")
    public TaskVersionView version(@PathParam("projectId") String projectId, @PathParam("taskId") long taskId,
                                   @PathParam("number") int number) {
        projects.enter(projectId);
        return tasks.version(taskId, number);
    }

    @POST
    @Path("/{taskId}/versions/{number}/restore")
    @Operation(summary = "Make a new version that copies version n; 412 if the task changed since the If-Match tag")
    @APIResponse(responseCode = "200", description = "The task as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "409", description = "The task is COMPLETED or CANCELLED, or its content is under approval "
            + "(AWAITING_APPROVAL or APPROVED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Conditional
    public RestResponse<TaskView> restore(@PathParam("projectId") String projectId, @PathParam("taskId") long taskId,
                                          @PathParam("number") int number,
                                          @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                                          @HeaderParam(HttpHeaders.IF_NONE_MATCH) List<String> ifNoneMatch) {
        projects.enter(projectId);
        return tagged(tasks.restore(taskId, number, Preconditions.of(ifMatch, ifNoneMatch), Caller.of(identity)));
    }

    /** A task with its entity tag, which a client sends back in If-Match to change only what it read. */
    private static RestResponse<TaskView> tagged(TaskView task) {
        return RestResponse.ResponseBuilder.ok(task).tag(TaskTags.of(task)).build();
    }
}
