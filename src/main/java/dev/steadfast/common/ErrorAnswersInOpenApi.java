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
 * one: 400 (where it reads a body or query parameters, or for a query parameter it does not take), 401 on the API, 403 only where a role is
 * required (Quarkus lists it on every secured operation; the few others that can answer 403 say
 * so themselves), 404 where the path names something by id, 410 inside a project (archived or
 * purged), 412 for a precondition on one that keeps no entity tag, 413 and 415 where it reads a body,
 * 503 on every operation that reaches a database, and
 * the {@code Location} of a 201; and gives every error answer the problem document as its body.
 * The answers shared by many operations are described once, under {@code components/responses}.
 * Runs when the document is built, so it costs nothing at boot.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorAnswersInOpenApi implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String PROJECT_PATH = "/api/projects/{projectId}";
    /** An issued token has no address of its own: the one 201 without a Location. */
    private static final String SIGN_IN_PATH = "/api/auth/tokens";
    /** How Quarkus describes the 403 it adds to every operation that needs a signed-in caller. */
    private static final String QUARKUS_FORBIDDEN = "Not Allowed";
    /** How Quarkus describes the 401 it adds to every operation that needs a signed-in caller. */
    private static final String QUARKUS_UNAUTHORIZED = "Not Authorized";
    private static final String SECURITY_SCHEME = "bearer";

    /** The answers many operations share, each described once under components/responses. */
    enum Shared {
        INVALID_INPUT("400", "Invalid input: nothing was done; errors names each field or parameter that is wrong"),
        UNKNOWN_QUERY_PARAMETER("400", "A query parameter, which this operation takes none of: nothing was done; errors names it"),
        UNAUTHENTICATED("401", "No bearer token, or one that is unknown, expired or revoked"),
        SIGN_IN_REFUSED("401", "Wrong username or password, or the user is disabled"),
        NOT_FOUND("404", "Nothing by that id (or no such project)"),
        PROJECT_NOT_FOUND("404", "No such project (a method never allowed answers 405 whatever the id)"),
        PROJECT_GONE("410", "The project is archived or purged"),
        PRECONDITION_FAILED("412", "An If-Match naming a tag (this operation keeps none, so it names no state of it) or an"
                + " empty one, or If-None-Match: * on a change: nothing was done"),
        BODY_TOO_LARGE("413", "The body is larger than the service accepts (quarkus.http.limits.max-body-size, 32 MiB by default)"),
        UNSUPPORTED_BODY("415", "The body's Content-Type is not one this operation reads (JSON: application/json in UTF-8)"),
        PROJECT_UNAVAILABLE("503", "The project's file is not migrated yet or is quarantined (/problems/unavailable), the "
                + "database stayed busy past the busy timeout (/problems/busy, with Retry-After), a write was committed "
                + "but could not be made durable (/problems/not-durable), the disk failed (/problems/storage-failure), "
                + "or the service is stopping (/problems/shutting-down, with Retry-After; nothing was run)"),
        UNAVAILABLE("503", "The database stayed busy past the busy timeout (/problems/busy, with Retry-After), the disk "
                + "failed (/problems/storage-failure), or the service is stopping (/problems/shutting-down, with "
                + "Retry-After; nothing was run)");

        final String status;
        final String description;

        Shared(String status, String description) {
            this.status = status;
            this.description = description;
        }

        /** The name under components/responses: INVALID_INPUT is InvalidInput. */
        String componentName() {
            StringBuilder name = new StringBuilder();
            for (String word : name().split("_")) {
                name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            return name.toString();
        }
    }

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
        // Described once and referred to: written out on each of 52 operations they made up half of
        // the document, which the service reads back at every boot.
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        for (Shared shared : Shared.values()) {
            openAPI.getComponents().addResponse(shared.componentName(),
                    OASFactory.createAPIResponse().description(shared.description).content(problemContent()));
        }
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
            shared(responses, Shared.INVALID_INPUT);
        } else if (!refusedAlways) { // every operation refuses a query parameter it does not take (KnownQueryParameters)
            shared(responses, Shared.UNKNOWN_QUERY_PARAMETER);
        }
        APIResponse unauthorized = responses.getAPIResponse("401");
        if (unauthorized != null && QUARKUS_UNAUTHORIZED.equals(unauthorized.getDescription())) {
            responses.removeAPIResponse("401"); // Quarkus shares one response object: replace it, never change it
        }
        shared(responses, path.equals(SIGN_IN_PATH) ? Shared.SIGN_IN_REFUSED : Shared.UNAUTHENTICATED);
        if (!refusedAlways && takes(parameters, Parameter.In.PATH)) {
            shared(responses, Shared.NOT_FOUND);
        } else if (path.startsWith(PROJECT_PATH)) { // a method never allowed: its project is answered first
            shared(responses, Shared.PROJECT_NOT_FOUND);
        }
        forbiddenOnlyForARole(operation, responses);
        if (path.startsWith(PROJECT_PATH)) {
            shared(responses, Shared.PROJECT_GONE);
        }
        if (!refusedAlways) { // those that compare tags describe their own 412 (ConditionalRequestsInOpenApi)
            shared(responses, Shared.PRECONDITION_FAILED);
        }
        if (body) {
            shared(responses, Shared.BODY_TOO_LARGE);
            shared(responses, Shared.UNSUPPORTED_BODY);
        }
        if (!refusedAlways) {
            shared(responses, path.startsWith(PROJECT_PATH) ? Shared.PROJECT_UNAVAILABLE : Shared.UNAVAILABLE);
        }
        // Every error is a problem document, those Quarkus adds itself (403) included.
        responses.getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && response.getRef() == null
                    && response.getContent() == null) {
                response.content(problemContent());
            }
        });
        APIResponse created = responses.getAPIResponse("201");
        if (created != null && !path.equals(SIGN_IN_PATH)) {
            created.addHeader("Location", OASFactory.createHeader().description("The address of what was created")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
        }
    }

    /**
     * Quarkus adds a 403 to every secured operation, but only a required role can refuse a signed-in
     * caller before the operation runs: elsewhere that 403 is dropped, and the operations that refuse
     * for a reason of their own describe their 403 themselves.
     */
    private static void forbiddenOnlyForARole(Operation operation, APIResponses responses) {
        APIResponse forbidden = responses.getAPIResponse("403");
        if (forbidden == null || !QUARKUS_FORBIDDEN.equals(forbidden.getDescription())) {
            return;
        }
        List<String> roles = operation.getSecurity() == null ? List.of() : operation.getSecurity().stream()
                .map(requirement -> requirement.getScheme(SECURITY_SCHEME))
                .filter(scopes -> scopes != null)
                .flatMap(List::stream).distinct().toList();
        // Quarkus shares one response object between operations: replace it, never change it.
        responses.removeAPIResponse("403");
        if (!roles.isEmpty()) {
            problem(responses, "403", "The caller's role is not " + String.join(" or ", roles));
        }
    }

    private static boolean takes(List<Parameter> parameters, Parameter.In where) {
        return parameters.stream().anyMatch(p -> p.getIn() == where);
    }

    /** Refers to a shared answer unless the operation already describes that status itself. */
    private static void shared(APIResponses responses, Shared shared) {
        if (!responses.hasAPIResponse(shared.status)) {
            responses.addAPIResponse(shared.status, OASFactory.createAPIResponse().ref(shared.componentName()));
        }
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
