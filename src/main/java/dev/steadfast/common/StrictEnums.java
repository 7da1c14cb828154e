package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Enum fields take their names only. By default Jackson also takes an ordinal ({@code "to": 4}) or
 * an index as a string ({@code "to": "2"}), so a typo or a client's off-by-one became APPROVED,
 * BLOCKED or ADMIN, and it takes a name with spaces around it ({@code " ADMIN "}, which it trims
 * when nothing else matches). With this, each fails to deserialize and ProblemMappers answers a
 * 400 naming the field.
 */
@Singleton
public class StrictEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.registerModule(new SimpleModule("steadfast-exact-enum-names").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactNames(deserializer);
            }
        }));
    }

    /** Jackson's enum deserializer for a string that is exactly a name; a padded one is refused before it trims it. */
    static final class ExactNames extends DelegatingDeserializer {

        ExactNames(JsonDeserializer<?> names) {
            super(names);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> names) {
            return new ExactNames(names);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (!text.equals(text.strip())) {
                    throw context.weirdStringException(text, handledType(), "a name is given without spaces around it");
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
