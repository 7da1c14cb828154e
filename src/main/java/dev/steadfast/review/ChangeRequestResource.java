package dev.steadfast.review;

import dev.steadfast.auth.Caller;
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
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** A project's change requests. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@InsideProject
@Path("/api/projects/{projectId}/change-requests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "change requests")
public class ChangeRequestResource {

    private final ProjectService projects;
    private final ChangeRequestService changeRequests;
    private final SecurityIdentity identity;

    ChangeRequestResource(ProjectService projects, ChangeRequestService changeRequests, SecurityIdentity identity) {
        this.projects = projects;
        this.changeRequests = changeRequests;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Propose a change to a task (DRAFT)")
    @APIResponse(responseCode = "201", description = "Created; Location names the change request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeRequestView.class)))
    @APIResponse(responseCode = "409", description = "The task is COMPLETED or CANCELLED: a finished task takes no change request")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("projectId") String projectId,
                           CreateChangeRequest request,
                           @Context UriInfo uri) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        ChangeRequestView created = changeRequests.create(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(created).build();
    }

    @GET
    @Operation(summary = "List change requests, oldest first, optionally by status and task")
    public Page<ChangeRequestView> list(@PathParam("projectId") String projectId, @BeanParam PageParams params,
                                        @QueryParam("status") @Parameter(schema = @Schema(implementation = ChangeRequestStatus.class)) String status,
                                        @QueryParam("taskId") String taskId) {
        Map<String, String> errors = new LinkedHashMap<>();
        PageParams.PageRequest page = params.toRequest(errors);
        Long taskFilter = QueryIds.parse("taskId", taskId, errors);
        ChangeRequestStatus statusFilter = QueryEnums.parse(ChangeRequestStatus.class, "status", status, errors);
        ProblemException.throwIfInvalid(errors);
        projects.enter(projectId);
        return changeRequests.list(page.page(), page.size(), statusFilter, taskFilter);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One change request")
    public ChangeRequestView get(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        projects.enter(projectId);
        return changeRequests.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Edit a DRAFT change request, its author only (409 once submitted)")
    @APIResponse(responseCode = "200", description = "The change request as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeRequestView.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the change request's author")
    @APIResponse(responseCode = "409", description = "The change request is no longer a DRAFT, or its task is COMPLETED or CANCELLED")
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public ChangeRequestView update(@PathParam("projectId") String projectId, @PathParam("id") long id,
                                    UpdateChangeRequest request) {
        BodyConstraints.check(request);
        projects.enter(projectId);
        return changeRequests.update(id, request, Caller.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a DRAFT change request, its author or an ADMIN (409 once submitted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The caller is neither the change request's author nor an ADMIN")
    @APIResponse(responseCode = "409", description = "The change request is no longer a DRAFT")
    public void delete(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        projects.enter(projectId);
        changeRequests.delete(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/submit")
    @Operation(summary = "Submit a DRAFT for approval, its author only; it is immutable from then on")
    @APIResponse(responseCode = "200", description = "The change request, now SUBMITTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeRequestView.class)))
    @APIResponse(responseCode = "403", description = "The caller is not the change request's author")
    @APIResponse(responseCode = "409", description = "The change request is no longer a DRAFT")
    public ChangeRequestView submit(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        projects.enter(projectId);
        return changeRequests.submit(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/implemented")
    @Operation(summary = "Mark an APPROVED change request as implemented")
    @APIResponse(responseCode = "200", description = "The change request, now IMPLEMENTED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeRequestView.class)))
    @APIResponse(responseCode = "409", description = "The change request is not APPROVED, or its task is CANCELLED")
    public ChangeRequestView implemented(@PathParam("projectId") String projectId, @PathParam("id") long id) {
        projects.enter(projectId);
        return changeRequests.markImplemented(id);
    }
}
