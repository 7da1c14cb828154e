package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants leave the service with millisecond precision, the precision they are stored with
 * (INTEGER epoch milliseconds): the answer to a write and a later read of the same row then show
 * the same {@code updatedAt}, instead of nanoseconds first and milliseconds after.
 */
@Singleton
public class JsonInstants implements ObjectMapperCustomizer {

    /** Last, so the JavaTimeModule registered by Quarkus does not replace this serializer. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("steadfast-instants").addSerializer(Instant.class, new Millis()));
    }

    private static final class Millis extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Instant> {
        Millis() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            InstantSerializer.INSTANCE.serialize(value.truncatedTo(ChronoUnit.MILLIS), generator, provider);
        }
    }
}
