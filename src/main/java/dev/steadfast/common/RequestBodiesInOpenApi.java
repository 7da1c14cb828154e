package dev.steadfast.common;

import dev.steadfast.user.UsernameRule;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.Map;

/**
 * Describes request bodies in JSON Schema's own terms, as the server reads them: a body's unknown
 * field is refused ({@code additionalProperties: false}, see {@link UnknownFields}), and every
 * {@code pattern} is written in JSON Schema's regular expressions (ECMA-262, which matches anywhere
 * in the value unless anchored) instead of the Java ones of the Bean Validation annotations it comes
 * from ({@code (?U)}, {@code \p{Cntrl}}: schema validators and client generators cannot compile
 * them). A pattern without a translation here fails the build, so none is published in Java's
 * dialect. Runs when the document is built, so it costs nothing at boot.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RequestBodiesInOpenApi implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    /** Each Java pattern of a request field, and the same rule for a JSON Schema validator. */
    static final Map<String, String> JSON_SCHEMA_PATTERNS = Map.of(
            SingleLineText.NO_CONTROLS, "^[^\\p{Cc}\\p{Zl}\\p{Zp}]*$",
            // The format characters of the Basic Multilingual Plane spelled out: a JSON Schema
            // pattern need not be read in Unicode mode, where \p{Cf} would be understood (so the
            // supplementary variation selectors are left to the service's own check).
            SingleLineText.VISIBLE, "[^\\s\\u00AD\\u0600-\\u0605\\u061C\\u06DD\\u070F\\u08E2\\u180E"
                    + "\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB"
                    + "\\u115F\\u1160\\u3164\\uFFA0\\u034F\\u17B4\\u17B5\\u180B-\\u180D\\u180F\\u2800\\uFE00-\\uFE0F]",
            UsernameRule.PATTERN, "^" + UsernameRule.PATTERN + "$");

    /** What SmallRye OpenAPI itself writes for {@code @NotBlank}: already a JSON Schema pattern. */
    static final String NOT_BLANK = "\\S";

    @Override
    public Schema filterSchema(Schema schema) {
        String pattern = schema.getPattern();
        if (pattern != null && !NOT_BLANK.equals(pattern) && !JSON_SCHEMA_PATTERNS.containsValue(pattern)) {
            String translated = JSON_SCHEMA_PATTERNS.get(pattern);
            if (translated == null) {
                throw new IllegalStateException("The pattern " + pattern + " has no JSON Schema form in "
                        + RequestBodiesInOpenApi.class.getName() + ".JSON_SCHEMA_PATTERNS: add one");
            }
            schema.setPattern(translated);
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            for (MediaType type : operation.getRequestBody().getContent().getMediaTypes().values()) {
                String ref = type.getSchema() == null ? null : type.getSchema().getRef();
                if (ref != null && ref.startsWith(SCHEMAS) && schemas.containsKey(ref.substring(SCHEMAS.length()))) {
                    schemas.get(ref.substring(SCHEMAS.length())).setAdditionalPropertiesBoolean(false);
                }
            }
        }));
    }
}
