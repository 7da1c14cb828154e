package dev.steadfast.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Describes the numeric query parameters as the numbers they are. Resources take every query
 * parameter as text, to answer a bad one with a 400 naming it ({@link QueryIds}, {@link PageParams})
 * rather than the 404 JAX-RS gives for one it cannot convert, so the document said "string" for
 * {@code ?taskId=} and {@code ?size=}. Runs when the document is built, so it costs nothing at boot.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class QueryParametersInOpenApi implements OASFilter {

    private static final Supplier<Schema> ID = () -> integer(0, 999_999_999_999_999_999L).format("int64");

    private static final Map<String, Supplier<Schema>> NUMBERS = Map.of(
            "taskId", ID,
            "runId", ID,
            "changeRequestId", ID,
            "page", () -> integer(0, PageParams.MAX_PAGE).format("int32").defaultValue(0),
            "size", () -> integer(1, PageParams.MAX_SIZE).format("int32").defaultValue(50));

    @Override
    public Parameter filterParameter(Parameter parameter) {
        Supplier<Schema> schema = NUMBERS.get(parameter.getName());
        if (parameter.getIn() == Parameter.In.QUERY && schema != null) {
            parameter.setSchema(schema.get());
        }
        return parameter;
    }

    private static Schema integer(long minimum, long maximum) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum));
    }
}
