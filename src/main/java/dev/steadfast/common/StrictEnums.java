package dev.steadfast.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Enum fields take their names only. By default Jackson also takes an ordinal ({@code "to": 4}) or
 * an index as a string ({@code "to": "2"}), so a typo or a client's off-by-one became APPROVED,
 * BLOCKED or ADMIN; with this, both fail to deserialize and ProblemMappers answers a 400 naming
 * the field.
 */
@Singleton
public class StrictEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
