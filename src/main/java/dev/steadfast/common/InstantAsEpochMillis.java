package dev.steadfast.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;

/**
 * Stores instants as INTEGER milliseconds since the epoch (UTC): unambiguous in SQLite, which has
 * no timestamp type, and independent of the JVM's time zone.
 */
@Converter(autoApply = true)
public class InstantAsEpochMillis implements AttributeConverter<Instant, Long> {

    @Override
    public Long convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    @Override
    public Instant convertToEntityAttribute(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
