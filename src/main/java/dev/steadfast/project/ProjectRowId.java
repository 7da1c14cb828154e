package dev.steadfast.project;

import org.hibernate.annotations.IdGeneratorType;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * The id of a row in a project file, handed out by the service ({@link ProjectRowIds}) when the
 * entity is persisted, so that its INSERT waits for the commit instead of running at once to learn
 * the id SQLite picked.
 */
@IdGeneratorType(ProjectRowIdGenerator.class)
@Retention(RUNTIME)
@Target(FIELD)
public @interface ProjectRowId {
}
