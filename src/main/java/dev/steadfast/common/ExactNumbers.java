package dev.steadfast.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A decimal number in a free-form JSON value (a run's {@code gates}) is kept exactly: by default
 * Jackson read it as a double, so {@code 0.12345678901234567890123} was stored and answered as
 * {@code 0.12345678901234568}, and {@code 1e2} as {@code 100.0}. It is read as a BigDecimal, trailing
 * zeros included ({@code 1.50} stays {@code 1.50}), and written back with BigDecimal's notation.
 * <p>
 * Only values read without a Java type (JsonNode, Object, Number) are affected: a field declared
 * {@code double} or {@code long} is read as before.
 */
@Singleton
public class ExactNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
