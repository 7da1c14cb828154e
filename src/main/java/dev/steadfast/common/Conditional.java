package dev.steadfast.common;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks an operation that honours {@code If-Match}: {@link EmptyIfMatch} refuses an empty one. */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD}) // TYPE: the filter itself carries it
@Retention(RetentionPolicy.RUNTIME)
public @interface Conditional {
}
