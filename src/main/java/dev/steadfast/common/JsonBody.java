package dev.steadfast.common;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that reads a JSON body: {@link JsonBodyContentType} then refuses a request
 * that does not say it is JSON in UTF-8. JAX-RS alone lets a request without a Content-Type through
 * to a method that consumes JSON, and reads any declared charset as UTF-8. Operations without a
 * body (actions, the 405 answers) are not marked: whatever they are sent, they read nothing.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD}) // TYPE: the filter itself carries it
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonBody {
}
