package dev.steadfast.schema;

import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.project.ProjectFiles;
import dev.steadfast.project.ProjectSchemaStates;
import dev.steadfast.project.registry.ProjectIds;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** Operators' view of every schema: where each database stands, and a dry run of what is pending. */
@RegisterForReflection(fields = false) // its methods are read by RouteMethods
@Path("/api/admin/schema")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
@Tag(name = "admin")
public class SchemaAdminResource {

    private final SchemaInspector inspector;
    private final DataDirectory dataDirectory;
    private final ProjectFiles projectFiles;
    private final ProjectSchemaStates states;
    private final ProjectIds projectIds;

    SchemaAdminResource(SchemaInspector inspector, DataDirectory dataDirectory, ProjectFiles projectFiles,
                        ProjectSchemaStates states, ProjectIds projectIds) {
        this.inspector = inspector;
        this.dataDirectory = dataDirectory;
        this.projectFiles = projectFiles;
        this.states = states;
        this.projectIds = projectIds;
    }

    public record SchemaReport(SchemaInspector.DatabaseStatus catalog, List<SchemaInspector.DatabaseStatus> projects) {
    }

    public record PlanReport(List<SchemaInspector.PlanOutcome> databases) {
    }

    @GET
    @Operation(summary = "Schema state of the catalog and of every project file")
    public SchemaReport status() {
        List<SchemaInspector.DatabaseStatus> projects = new ArrayList<>();
        for (String id : activeProjectIds()) {
            SchemaInspector.DatabaseStatus status = inspector.status(ProjectMigrator.SET, "project " + id,
                    ProjectMigrator.snapshotName(id), projectFiles.file(id));
            ProjectSchemaStates.Entry entry = states.of(id);
            if (entry != null && entry.state() == ProjectSchemaStates.State.QUARANTINED) {
                status = status.withState("quarantined", entry.reason());
            }
            projects.add(status);
        }
        return new SchemaReport(inspector.status(CatalogFlywayCustomizer.SET, "catalog", CatalogFlywayCustomizer.SET,
                dataDirectory.catalogFile()), projects);
    }

    @POST
    @Path("/plan")
    @Operation(summary = "Apply pending migrations to temporary copies and report; changes nothing")
    public PlanReport plan() {
        List<SchemaInspector.PlanOutcome> outcomes = new ArrayList<>();
        outcomes.add(inspector.dryRun(CatalogFlywayCustomizer.SET, "catalog", dataDirectory.catalogFile()));
        for (String id : activeProjectIds()) {
            outcomes.add(inspector.dryRun(ProjectMigrator.SET, "project " + id, projectFiles.file(id)));
        }
        return new PlanReport(outcomes);
    }

    private List<String> activeProjectIds() {
        return projectIds.active();
    }
}
