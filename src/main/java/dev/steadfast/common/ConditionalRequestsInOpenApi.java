package dev.steadfast.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;

/**
 * Documents what the annotations cannot: the {@code ETag} of a tagged answer, the 304 of an
 * {@code If-None-Match} and the 412 of an {@code If-Match}, on every operation that takes those
 * headers or answers with a task. Runs when the document is built, so it costs nothing at boot.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ConditionalRequestsInOpenApi implements OASFilter {

    private static final String TASK_SCHEMA = "#/components/schemas/TaskView";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Override
    public PathItem filterPathItem(PathItem path) {
        if (path.getOperations() != null) {
            path.getOperations().forEach((method, operation) -> describe(operation, method == PathItem.HttpMethod.GET));
        }
        return path;
    }

    private static void describe(Operation operation, boolean read) {
        APIResponses responses = operation.getResponses();
        if (responses == null || responses.getAPIResponses() == null) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean ifMatch = takesHeader(parameters, "If-Match");
        boolean ifNoneMatch = takesHeader(parameters, "If-None-Match");
        responses.getAPIResponses().forEach((code, response) -> {
            boolean hasBody = code.startsWith("2") && !code.equals("204");
            if (hasBody && (ifMatch || ifNoneMatch || answersWith(response, TASK_SCHEMA))) {
                response.addHeader("ETag", entityTag());
            }
        });
        if (ifNoneMatch && read) {
            responses.addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Unchanged since the If-None-Match tag: no body").addHeader("ETag", entityTag()));
        }
        if (ifMatch) {
            // On a read If-None-Match is a 304, never a 412.
            responses.addAPIResponse("412", OASFactory.createAPIResponse()
                    .description(read
                            ? "Not in the state the If-Match tag names (or an empty If-Match); ETag names the current state"
                            : "Changed since the If-Match tag (or an empty If-Match), or in a state If-None-Match names:"
                                    + " nothing was done; ETag names the current state")
                    .addHeader("ETag", entityTag())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)))));
        }
    }

    private static boolean takesHeader(List<Parameter> parameters, String name) {
        return parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()));
    }

    private static boolean answersWith(APIResponse response, String schemaRef) {
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null) {
            return false;
        }
        for (MediaType type : content.getMediaTypes().values()) {
            Schema schema = type.getSchema();
            if (schema != null && schemaRef.equals(schema.getRef())) {
                return true;
            }
        }
        return false;
    }

    private static Header entityTag() {
        return OASFactory.createHeader()
                .description("Names this state of the resource: send it back in If-Match to change only what you read")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
