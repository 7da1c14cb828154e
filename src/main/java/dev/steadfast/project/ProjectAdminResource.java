package dev.steadfast.project;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' handle on project files: retry the migration of a quarantined one. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@Path("/api/admin/projects")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
@Tag(name = "admin")
public class ProjectAdminResource {

    private final ProjectService projects;

    ProjectAdminResource(ProjectService projects) {
        this.projects = projects;
    }

    public record MigrationOutcome(String projectId, String state, String reason) {
    }

    @POST
    @Path("/{projectId}/migrate")
    @Operation(summary = "Retry migrating a project file; 200 when it is now serving, 503 when still quarantined")
    @APIResponse(responseCode = "200", description = "The file is migrated and the project serves again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MigrationOutcome.class)))
    @APIResponse(responseCode = "410", description = "The project is archived or purged: its file is not served")
    @APIResponse(responseCode = "503", description = "The file is still quarantined; reason says why",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MigrationOutcome.class)))
    public Response migrate(@PathParam("projectId") String projectId) {
        ProjectSchemaStates.Entry entry = projects.retryMigration(projectId);
        MigrationOutcome outcome = new MigrationOutcome(projectId, entry.state().name(), entry.reason());
        int status = entry.state() == ProjectSchemaStates.State.MIGRATED ? 200 : 503;
        return Response.status(status).entity(outcome).build();
    }
}
