package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A request means one thing, and what is stored is what was acknowledged:
 * <ul>
 * <li>a key given twice in one object is refused (by default the last one won, so
 * {@code "role": "USER", "role": "ADMIN"} made an ADMIN while anything reading the first key saw a
 * USER);</li>
 * <li>a string holding half of a surrogate pair ({@code "\ud800"}) is refused: it is not text, and
 * SQLite's UTF-8 would have stored it as "?" while the response echoed it. This holds for strings
 * anywhere in a free-form JSON value ({@link JsonNode}, such as a run's gates), keys included:
 * Jackson reads those without its string deserializer;</li>
 * <li>a body is one JSON value: anything after it ({@code {…} trailing text}, a second object) is
 * malformed JSON, where Jackson by default read the first value and ignored the rest.</li>
 * </ul>
 */
@Singleton
public class UnambiguousJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("steadfast-well-formed-text")
                .addDeserializer(String.class, new WellFormedStrings())
                .addDeserializer(JsonNode.class, new WellFormedTrees()));
    }

    /** Jackson's own tree deserializer, then the same check on every key and string of the tree. */
    static final class WellFormedTrees extends StdDeserializer<JsonNode> {

        @SuppressWarnings("unchecked")
        private static final JsonDeserializer<JsonNode> TREES =
                (JsonDeserializer<JsonNode>) (JsonDeserializer<?>) JsonNodeDeserializer.getDeserializer(JsonNode.class);

        WellFormedTrees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = TREES.deserialize(parser, context);
            String bad = firstUnpaired(tree);
            if (bad != null) {
                throw context.weirdStringException(bad, JsonNode.class, "it holds an unpaired surrogate (not valid Unicode)");
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return NullNode.getInstance(); // JSON null stays a NullNode, as with Jackson's own
        }

        /** The first key or string holding an unpaired surrogate, or null when there is none. */
        private static String firstUnpaired(JsonNode node) {
            if (node.isTextual()) {
                return WellFormedStrings.hasUnpairedSurrogate(node.textValue()) ? node.textValue() : null;
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (WellFormedStrings.hasUnpairedSurrogate(field.getKey())) {
                        return field.getKey();
                    }
                    String bad = firstUnpaired(field.getValue());
                    if (bad != null) {
                        return bad;
                    }
                }
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    String bad = firstUnpaired(element);
                    if (bad != null) {
                        return bad;
                    }
                }
            }
            return null;
        }
    }

    /** Jackson's own string deserializer (coercion rules included), then a check for unpaired surrogates. */
    static final class WellFormedStrings extends StdScalarDeserializer<String> {

        WellFormedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && hasUnpairedSurrogate(value)) {
                throw context.weirdStringException(value, String.class, "it holds an unpaired surrogate (not valid Unicode)");
            }
            return value;
        }

        static boolean hasUnpairedSurrogate(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
