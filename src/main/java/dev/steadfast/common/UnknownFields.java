package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every unknown field of a request body is named in one answer, not only the first: Jackson stops
 * at the first one. While reading, each unknown field is noted in the reading's own context and
 * skipped; when the outermost object is complete, the notes become one {@link Found} error, which
 * ProblemMappers turns into a 400 naming each field. Nothing is read into a request that has any.
 */
@Singleton
public class UnknownFields implements ObjectMapperCustomizer {

    private static final Object NOTED = UnknownFields.class;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                                 JsonDeserializer<?> deserializer, Object beanOrClass,
                                                 String propertyName) throws IOException {
                noted(context).add(propertyName);
                parser.skipChildren();
                return true;
            }
        });
        mapper.registerModule(new SimpleModule("steadfast-unknown-fields").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return deserializer instanceof BeanDeserializerBase ? new ReportedAtTheEnd(deserializer) : deserializer;
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> noted(DeserializationContext context) {
        Set<String> names = (Set<String>) context.getAttribute(NOTED);
        if (names == null) {
            names = new LinkedHashSet<>();
            context.setAttribute(NOTED, names);
        }
        return names;
    }

    /** A bean's deserializer that, once the outermost object is read, fails if it met unknown fields. */
    static final class ReportedAtTheEnd extends DelegatingDeserializer {

        ReportedAtTheEnd(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ReportedAtTheEnd(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (parser.getParsingContext().inRoot() && context.getAttribute(NOTED) != null) {
                throw new Found(parser, List.copyOf(noted(context)));
            }
            return value;
        }
    }

    /** The unknown fields of a request body, in the order they came. */
    public static final class Found extends JsonMappingException {

        private final transient List<String> names;

        Found(JsonParser parser, List<String> names) {
            super(parser, "Unknown fields " + names);
            this.names = names;
        }

        public List<String> names() {
            return names;
        }
    }
}
