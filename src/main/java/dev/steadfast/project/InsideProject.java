package dev.steadfast.project;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks operations that work inside one active project (its tasks, artifacts, runs, reviews,
 * control state, or a change to the project itself): {@link ProjectStatusFirst} answers an unknown
 * project's 404, or an archived or purged one's 410, before anything about the request is checked.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD}) // TYPE: the filter itself carries it
@Retention(RetentionPolicy.RUNTIME)
public @interface InsideProject {
}
