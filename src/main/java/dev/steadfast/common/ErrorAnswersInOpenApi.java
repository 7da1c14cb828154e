package dev.steadfast.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;

/**
 * Documents the answers every operation of a kind gives, which would otherwise be repeated on each
 * one: 400 where it reads a body or query parameters, 401 on the API, 404 where the path names
 * something by id, 410 inside a project (archived or purged), 415 where it reads a body, and the
 * {@code Location} of a 201; and gives every error answer the problem document as its body. Runs
 * when the document is built, so it costs nothing at boot.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorAnswersInOpenApi implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String PROJECT_PATH = "/api/projects/{projectId}";
    /** An issued token has no address of its own: the one 201 without a Location. */
    private static final String SIGN_IN_PATH = "/api/auth/tokens";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/") && item.getOperations() != null) {
                item.getOperations().values().forEach(operation -> describe(path, operation));
            }
        });
    }

    private static void describe(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null || responses.getAPIResponses() == null) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean body = operation.getRequestBody() != null;
        boolean refusedAlways = responses.hasAPIResponse("405");
        if (!refusedAlways && (body || takes(parameters, Parameter.In.QUERY))) {
            problem(responses, "400", "Invalid input: nothing was done; errors names each field or parameter that is wrong");
        }
        problem(responses, "401", path.equals(SIGN_IN_PATH) ? "Wrong username or password, or the user is disabled"
                : "No bearer token, or one that is unknown, expired or revoked");
        if (!refusedAlways && takes(parameters, Parameter.In.PATH)) {
            problem(responses, "404", "Nothing by that id (or no such project)");
        }
        if (!refusedAlways && path.startsWith(PROJECT_PATH)) {
            problem(responses, "410", "The project is archived or purged");
        }
        if (body) {
            problem(responses, "415", "The body's Content-Type is not one this operation reads (JSON: application/json in UTF-8)");
        }
        // Every error is a problem document, those Quarkus adds itself (401, 403) included.
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getContent() == null) {
                response.content(problemContent());
            }
        });
        APIResponse created = responses.getAPIResponse("201");
        if (created != null && !path.equals(SIGN_IN_PATH)) {
            created.addHeader("Location", OASFactory.createHeader().description("The address of what was created")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
        }
    }

    private static boolean takes(List<Parameter> parameters, Parameter.In where) {
        return parameters.stream().anyMatch(p -> p.getIn() == where);
    }

    /** Adds a problem answer unless the operation already describes that status itself. */
    private static void problem(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }
}
