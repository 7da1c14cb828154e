package dev.steadfast.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A request means one thing, and what is stored is what was acknowledged:
 * <ul>
 * <li>a key given twice in one object is refused (by default the last one won, so
 * {@code "role": "USER", "role": "ADMIN"} made an ADMIN while anything reading the first key saw a
 * USER);</li>
 * <li>a string holding half of a surrogate pair ({@code "\ud800"}) is refused: it is not text, and
 * SQLite's UTF-8 would have stored it as "?" while the response echoed it;</li>
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
                .addDeserializer(String.class, new WellFormedStrings()));
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
