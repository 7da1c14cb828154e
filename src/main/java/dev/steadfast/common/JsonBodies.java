package dev.steadfast.common;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose bodies are JSON only: {@link JsonBodyContentType} then refuses a body that
 * does not say it is JSON in UTF-8. JAX-RS alone lets a body without a Content-Type through to a
 * method that consumes JSON, and reads any declared charset as UTF-8.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonBodies {
}
