package dev.steadfast.review;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.AlwaysRefused;
import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.JsonBody;
import dev.steadfast.common.Page;
import dev.steadfast.common.PageParams;
import dev.steadfast.common.Problem;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.QueryIds;
import dev.steadfast.project.ProjectService;
import dev.steadfast.project.InsideProject;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** A project's approvals: recorded decisions, never edited or deleted (no PUT, PATCH or DELETE). */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@InsideProject
@Path("/api/projects/{projectId}/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "approvals")
public class ApprovalResource {

    private final ProjectService projects;
    private final ApprovalService approvals;
    private final SecurityIdentity identity;

    ApprovalResource(ProjectService projects, ApprovalService approvals, SecurityIdentity identity) {
        this.projects = projects;
        this.approvals = approvals;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Approve or reject a task AWAITING_APPROVAL or a SUBMITTED change request")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the approval",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalView.class)))
    @APIResponse(responseCode = "403", description = "The caller wrote the change request: its author cannot decide on it")
    @APIResponse(responseCode = "409", description = "The task is not AWAITING_APPROVAL, or the change request is not SUBMITTED")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("projectId") String projectId,
                           CreateApprovalRequest request,
                           @Context UriInfo uri) {
        BodyConstraints.check(request, CreateApprovalRequest::subjectErrors);
        projects.enter(projectId);
        ApprovalView created = approvals.decide(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Operation(summary = "List approvals, oldest first, optionally by task or change request")
    public Page<ApprovalView> list(@PathParam("projectId") String projectId, @BeanParam PageParams params,
                                   @QueryParam("taskId") String taskId, @QueryParam("changeRequestId") String changeRequestId) {
        Map<String, String> errors = new LinkedHashMap<>();
        PageParams.PageRequest page = params.toRequest(errors);
        Long taskFilter = QueryIds.parse("taskId", taskId, errors);
        Long changeRequestFilter = QueryIds.parse("changeRequestId", changeRequestId, errors);
        ProblemException.throwIfInvalid(errors);
        projects.enter(projectId);
        return approvals.list(page.page(), page.size(), taskFilter, changeRequestFilter);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One approval")
    public ApprovalView get(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        projects.enter(projectId);
        return approvals.get(id);
    }

    @PUT
    @Path("/{id}")
    @AlwaysRefused
    @Operation(summary = "Not allowed: approvals are never edited")
    @APIResponse(responseCode = "405", description = "Always: approvals are never edited or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void edit(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        throw immutable();
    }

    @PATCH
    @Path("/{id}")
    @AlwaysRefused
    @Operation(summary = "Not allowed: approvals are never edited")
    @APIResponse(responseCode = "405", description = "Always: approvals are never edited or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void patch(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        throw immutable();
    }

    @DELETE
    @Path("/{id}")
    @AlwaysRefused
    @Operation(summary = "Not allowed: approvals are never deleted")
    @APIResponse(responseCode = "405", description = "Always: approvals are never edited or deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        throw immutable();
    }

    /** Decisions are history: the API says so explicitly rather than with a bare 404. */
    private static ProblemException immutable() {
        return new ProblemException(Problem.of(405, "method-not-allowed", "Method Not Allowed",
                "Approvals are never edited or deleted: a decision stands (a REJECTED task can go back to IN_PROGRESS and be decided on again; a decided change request is final)."));
    }
}
