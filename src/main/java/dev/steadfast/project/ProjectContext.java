package dev.steadfast.project;

import jakarta.enterprise.context.RequestScoped;

/** The project file the current request works in: Hibernate's tenant for the "projects" unit. */
@RequestScoped
public class ProjectContext {

    private String projectId;

    public String projectId() {
        return projectId;
    }

    void enter(String projectId) {
        this.projectId = projectId;
    }
}
