package dev.steadfast.project;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells Hibernate which project file ("tenant") a session of the "projects" unit works on: the
 * one the request entered. Outside a project the tenant is {@link #NO_PROJECT}, whose
 * connections fail, so no query can silently land in the wrong file.
 */
@PersistenceUnitExtension(ProjectTenantResolver.UNIT)
@ApplicationScoped
public class ProjectTenantResolver implements TenantResolver {

    public static final String UNIT = "projects";
    static final String NO_PROJECT = "no-project";

    private final ProjectContext context; // request-scoped: a client proxy, resolved per call

    ProjectTenantResolver(ProjectContext context) {
        this.context = context;
    }

    @Override
    public String getDefaultTenantId() {
        return NO_PROJECT;
    }

    @Override
    public String resolveTenantId() {
        if (!Arc.container().requestContext().isActive()) {
            return NO_PROJECT;
        }
        String projectId = context.projectId();
        return projectId == null ? NO_PROJECT : projectId;
    }
}
