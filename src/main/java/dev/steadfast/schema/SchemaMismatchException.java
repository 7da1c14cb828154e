package dev.steadfast.schema;

/** A database without migration history whose schema matches no known version: it is refused. */
public class SchemaMismatchException extends RuntimeException {
    public SchemaMismatchException(String message) {
        super(message);
    }
}
