package dev.steadfast.project;

import dev.steadfast.project.registry.Project;
import dev.steadfast.project.registry.ProjectStatus;

import java.time.Instant;

/** A project as the API shows it, with the state of its file's schema. */
public record ProjectView(String id, String name, String description, ProjectStatus status, String schema,
                          String createdBy, Instant createdAt, Instant updatedAt) {

    static ProjectView of(Project project, ProjectSchemaStates.Entry schema) {
        return new ProjectView(project.id, project.name, project.description, project.status,
                schema == null ? null : schema.state().name(), project.createdBy, project.createdAt, project.updatedAt);
    }
}
