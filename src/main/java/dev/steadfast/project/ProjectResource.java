package dev.steadfast.project;

import dev.steadfast.auth.Caller;
import dev.steadfast.common.BodyConstraints;
import dev.steadfast.common.JsonBody;
import dev.steadfast.common.Page;
import dev.steadfast.common.PageParams;
import dev.steadfast.common.ProblemException;
import dev.steadfast.common.QueryEnums;
import dev.steadfast.project.registry.ProjectStatus;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects: create, list, read, rename, archive and (admins) purge. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "projects")
public class ProjectResource {

    private final ProjectService projects;
    private final SecurityIdentity identity;

    ProjectResource(ProjectService projects, SecurityIdentity identity) {
        this.projects = projects;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Create a project and its database file")
    @APIResponse(responseCode = "201", description = "Created; Location names the project",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateProjectRequest request,
                           @Context UriInfo uri) {
        BodyConstraints.check(request);
        ProjectView created = projects.create(request, Caller.of(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List projects, oldest first: the active ones, or with status=ARCHIVED (or PURGED) the others,"
            + " whose ids are needed to purge them")
    public Page<ProjectView> list(@BeanParam PageParams params,
                                  @QueryParam("status") @Parameter(description = "ACTIVE (the default), ARCHIVED or PURGED",
                                          schema = @Schema(implementation = ProjectStatus.class))
                                  String status) {
        Map<String, String> errors = new LinkedHashMap<>();
        PageParams.PageRequest page = params.toRequest(errors);
        ProjectStatus wanted = QueryEnums.parse(ProjectStatus.class, "status", status, errors);
        ProblemException.throwIfInvalid(errors);
        return projects.list(page.page(), page.size(), wanted == null ? ProjectStatus.ACTIVE : wanted);
    }

    @GET
    @Path("/{projectId}")
    @Operation(summary = "One project")
    public ProjectView get(@PathParam("projectId") String projectId) {
        return projects.get(projectId);
    }

    @PATCH
    @Path("/{projectId}")
    @Operation(summary = "Rename a project or change its description")
    @InsideProject
    @JsonBody
    @Consumes(MediaType.APPLICATION_JSON)
    public ProjectView update(@PathParam("projectId") String projectId,
                              UpdateProjectRequest request) {
        BodyConstraints.check(request);
        return projects.update(projectId, request);
    }

    @DELETE
    @Path("/{projectId}")
    @Operation(summary = "Archive a project (its endpoints then answer 410); admins may purge=true to move its file to archive/")
    @APIResponse(responseCode = "204", description = "Archived, or purged")
    @APIResponse(responseCode = "403", description = "purge=true from a caller who is not an admin")
    public void delete(@PathParam("projectId") String projectId, @QueryParam("purge")
                       @Parameter(description = "true or false (the default), at most once; anything else is a 400",
                               schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) List<String> purge) {
        projects.requireExisting(projectId); // an unknown project's 404 before a bad purge value's 400
        // Any other parameter (a misspelled Purge=true, which would archive instead) is refused by KnownQueryParameters.
        if (!parsePurge(purge)) {
            projects.archive(projectId);
            return;
        }
        if (!identity.hasRole("ADMIN")) {
            throw ProblemException.forbidden("Only admins may purge a project.");
        }
        projects.purge(projectId);
    }

    /**
     * Read as text: a JAX-RS {@code boolean} is {@code Boolean.valueOf}, which turns {@code purge=1}
     * or {@code purge=yes} into false and archives. Only {@code true} and {@code false} are accepted,
     * once: a repeated parameter would otherwise be decided by its first value. Absent means false.
     */
    private static boolean parsePurge(List<String> values) {
        if (values != null && values.size() > 1) {
            throw ProblemException.invalid("purge", "must be given at most once");
        }
        String value = values == null || values.isEmpty() ? null : values.get(0);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalid("purge", "must be true or false");
    }
}
