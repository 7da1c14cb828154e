package dev.steadfast.project;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.hibernate.generator.GeneratorCreationContext;

import java.lang.reflect.Member;
import java.util.EnumSet;

/**
 * Hibernate's side of {@link ProjectRowId}: the next id of the entity's table in the file of the
 * session's project (the tenant). Hibernate instantiates it by reflection, in native images too.
 */
@RegisterForReflection
public class ProjectRowIdGenerator implements BeforeExecutionGenerator {

    private final String table;
    /** Resolved on first use: Hibernate builds its generators before CDI beans can be injected. */
    private volatile ProjectRowIds rowIds;

    public ProjectRowIdGenerator(ProjectRowId annotation, Member member, GeneratorCreationContext context) {
        this.table = context.getPersistentClass().getTable().getName();
    }

    @Override
    public Object generate(SharedSessionContractImplementor session, Object owner, Object currentValue,
                           EventType eventType) {
        return rowIds().next(String.valueOf(session.getTenantIdentifier()), table);
    }

    private ProjectRowIds rowIds() {
        ProjectRowIds resolved = rowIds;
        if (resolved == null) {
            resolved = Arc.container().instance(ProjectRowIds.class).get(); // a client proxy: safe to keep
            rowIds = resolved;
        }
        return resolved;
    }

    @Override
    public EnumSet<EventType> getEventTypes() {
        return EventTypeSets.INSERT_ONLY;
    }
}
