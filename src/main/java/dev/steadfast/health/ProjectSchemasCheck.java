package dev.steadfast.health;

import dev.steadfast.project.ProjectSchemaStates;
import dev.steadfast.project.ProjectSchemaStates.State;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: every registered project file is migrated or quarantined. A quarantined file does not
 * make the service unready (the other projects serve); it is listed so operators see it.
 */
@Readiness
@ApplicationScoped
public class ProjectSchemasCheck implements HealthCheck {

    private final ProjectSchemaStates states;

    ProjectSchemasCheck(ProjectSchemaStates states) {
        this.states = states;
    }

    @Override
    public HealthCheckResponse call() {
        long pending = states.count(State.PENDING);
        return HealthCheckResponse.named("project-schemas")
                .status(pending == 0)
                .withData("total", states.total())
                .withData("migrated", states.count(State.MIGRATED))
                .withData("pending", pending)
                .withData("quarantined", String.join(",", states.quarantined().keySet()))
                .build();
    }
}
