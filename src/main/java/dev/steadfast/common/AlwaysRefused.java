package dev.steadfast.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that exists only to refuse its method with an explanation (editing an approval,
 * deleting an artifact): {@link RouteMethods} does not count it as served, so no {@code Allow}
 * header offers it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AlwaysRefused {
}
