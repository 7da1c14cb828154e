package dev.steadfast.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steadfast.AtOnce;
import io.restassured.path.json.JsonPath;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
public class OpenApiTest {

    /**
     * The packaged service reads the document when it is first asked for
     * ({@link OpenApiReadOnFirstFetchInterceptor}; {@code OpenApiIT} runs this against it), once:
     * requests at once get the same document, whole, in either format.
     */
    @Test
    void shouldServeTheSameWholeDocumentToRequestsAtOnceInEitherFormat() throws Exception {
        for (String format : List.of("json", "yaml")) {
            String alone = document(format);
            assertTrue(alone.contains("/api/projects/{projectId}/tasks"), alone.substring(0, 200));
            List<Callable<String>> requests = Collections.nCopies(8, () -> document(format));
            assertEquals(Collections.nCopies(8, alone), AtOnce.run(requests, 8), format);
        }
    }

    private static String document(String format) {
        return given().queryParam("format", format).when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
    }

    /**
     * JSON Schema's patterns are ECMA-262 and match anywhere unless anchored: each one published must
     * say what the server's Java pattern says (checked here on values either side of each rule, with
     * Java's find(), which matches anywhere as ECMA-262 does), and every request body refuses unknown fields.
     */
    /** ECMA-262's {@code \s} is Unicode's spaces (U+3000 too), not Java's default ASCII ones. */
    private static final int ECMA_SPACES = Pattern.UNICODE_CHARACTER_CLASS;

    @Test
    void shouldDescribeRequestFieldsInJsonSchemaTermsAsTheServerChecksThem() throws Exception {
        String document = document("json");
        var json = io.restassured.path.json.JsonPath.from(document);
        Set<String> published = new TreeSet<>(new ObjectMapper().readTree(document).findValuesAsText("pattern"));
        assertFalse(published.isEmpty());
        published.remove(RequestBodiesInOpenApi.NOT_BLANK); // @NotBlank's, as SmallRye OpenAPI writes it
        assertTrue(RequestBodiesInOpenApi.JSON_SCHEMA_PATTERNS.values().containsAll(published), published.toString());
        List<String> samples = List.of("plain", "  spaced out  ", "tab\there", "line\nbreak", "para\u2029graph", "\u3000",
                "", " ", "no spaces allowed", "ok.name@x-1", "-leading", "a".repeat(65), "ünïcode",
                "\u200B", "\u200B \u2060\uFEFF", "\u00AD", "\u3164", "\u200Bx", "\uD83D\uDE00",
                "\u034F", "\uFE0F\u2800", "\u180B", "\u17B4", "\u2800x", "\u2764\uFE0F");
        RequestBodiesInOpenApi.JSON_SCHEMA_PATTERNS.forEach((java, jsonSchema) -> {
            for (String sample : samples) {
                assertEquals(Pattern.compile(java).matcher(sample).matches(), Pattern.compile(jsonSchema, ECMA_SPACES).matcher(sample).find(),
                        java + " vs " + jsonSchema + " on [" + sample + "]");
            }
        });
        assertEquals("^" + dev.steadfast.user.UsernameRule.PATTERN + "$",
                json.getString("components.schemas.CreateUserRequest.properties.username.pattern"));
        for (String body : List.of("CreateTaskRequest", "CreateUserRequest", "IssueTokenRequest", "FinishRunRequest")) {
            assertEquals(false, json.getBoolean("components.schemas." + body + ".additionalProperties"), body);
        }
    }

    @Test
    void shouldPublishTheApiWithTheBearerSchemeAndNoTokenNeeded() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("security[0].bearer", notNullValue())
                .body("paths.'/api/users/me'.get", notNullValue())
                // Signing in is the one API operation that needs no token: an override without bearer.
                .body("paths.'/api/auth/tokens'.post.security", notNullValue())
                .body("paths.'/api/auth/tokens'.post.security.bearer", everyItem(nullValue()))
                .body("paths.'/api/auth/tokens/current'.delete.security[0].bearer", notNullValue());
    }

    @Test
    void shouldMarkEveryRequestBodyRequired() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/projects/{projectId}/tasks'.post.requestBody.required", equalTo(true))
                .body("paths.'/api/users/me/password'.put.requestBody.required", equalTo(true))
                .body("paths.'/api/auth/tokens'.post.requestBody.required", equalTo(true))
                .body("paths.'/api/projects/{projectId}/artifacts'.post.requestBody.required", equalTo(true));
    }

    @Test
    void shouldDescribeTheTaskBodyAndTheConditionalHeadersOfTaskOperations() {
        String task = "paths.'/api/projects/{projectId}/tasks/{taskId}'";
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(task + ".get.responses.'200'.content.'application/json'.schema.'$ref'", endsWith("/TaskView"))
                .body(task + ".patch.responses.'200'.content.'application/json'.schema.'$ref'", endsWith("/TaskView"))
                .body(task + ".get.parameters.name", hasItems("If-None-Match", "If-Match"))
                .body(task + ".patch.parameters.name", hasItem("If-Match"))
                .body(task + ".delete.parameters.name", hasItem("If-Match"))
                .body("paths.'/api/projects/{projectId}/tasks/{taskId}/transitions'.post.parameters.name", hasItem("If-Match"))
                .body("paths.'/api/projects/{projectId}/artifacts/{id}/content'.get.parameters.name", hasItem("If-Match"));
    }

    @Test
    void shouldDescribeTheAnswersOfConditionalRequestsAndOfOperationsThatAreNeverAllowed() {
        String task = "paths.'/api/projects/{projectId}/tasks/{taskId}'";
        String transitions = "paths.'/api/projects/{projectId}/tasks/{taskId}/transitions'.post.responses";
        String approval = "paths.'/api/projects/{projectId}/approvals/{id}'";
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(task + ".get.responses.'200'.headers", hasKey("ETag"))
                .body(task + ".get.responses.'304'.headers", hasKey("ETag"))
                .body(task + ".get.responses.'412'.content", hasKey("application/problem+json"))
                .body(task + ".patch.responses.'200'.headers", hasKey("ETag"))
                .body(task + ".patch.responses.'412'.content", hasKey("application/problem+json"))
                .body(task + ".patch.responses.'412'.headers", hasKey("ETag"))
                .body(task + ".patch.responses", allOf(hasKey("409"), not(hasKey("304"))))
                .body(task + ".patch.parameters.name", hasItem("If-None-Match"))
                .body(task + ".delete.responses", allOf(hasKey("204"), hasKey("409"), hasKey("412")))
                .body(task + ".delete.responses.'204'", not(hasKey("headers")))
                .body(transitions, allOf(hasKey("200"), hasKey("409"), hasKey("412")))
                .body("paths.'/api/projects/{projectId}/tasks'.post.responses.'201'.headers", hasKey("ETag"))
                .body(approval + ".put.responses", allOf(hasKey("405"), not(hasKey("204"))))
                .body(approval + ".delete.responses", allOf(hasKey("405"), not(hasKey("204"))))
                .body("paths.'/api/projects/{projectId}/artifacts/{id}'.patch.responses", allOf(hasKey("405"), not(hasKey("204"))))
                .body("components.schemas.Problem.properties", allOf(hasKey("type"), hasKey("status"), hasKey("detail")));
    }

    @Test
    void shouldDescribeEveryCreationAsA201WithWhatItCreated() {
        Map<String, String> creations = Map.of(
                "/api/users", "UserView", "/api/auth/tokens", "IssuedToken", "/api/projects", "ProjectView",
                "/api/projects/{projectId}/tasks", "TaskView", "/api/projects/{projectId}/change-requests", "ChangeRequestView",
                "/api/projects/{projectId}/approvals", "ApprovalView", "/api/projects/{projectId}/runs", "RunView",
                "/api/projects/{projectId}/artifacts", "ArtifactView");
        var document = given().accept("application/json").when().get("/q/openapi").then().statusCode(200);
        creations.forEach((path, view) -> document
                .body("paths.'" + path + "'.post.responses", not(hasKey("200")))
                .body("paths.'" + path + "'.post.responses.'201'.content.'application/json'.schema.'$ref'", endsWith("/" + view)));
    }

    @Test
    void shouldDescribeTheErrorsEveryOperationOfAKindCanGive() {
        var document = given().accept("application/json").when().get("/q/openapi").then().statusCode(200);
        String task = "paths.'/api/projects/{projectId}/tasks/{taskId}'";
        document.body(task + ".patch.responses", allOf(hasKey("400"), hasKey("401"), hasKey("404"), hasKey("410"), hasKey("415")))
                .body(task + ".patch.responses.'415'.'$ref'", equalTo("#/components/responses/UnsupportedBody"))
                .body(task + ".get.responses", allOf(hasKey("401"), hasKey("404"), hasKey("410"), not(hasKey("415"))))
                // Every operation refuses a query parameter it does not take, those that take none too.
                .body(task + ".get.responses.'400'.'$ref'", equalTo("#/components/responses/UnknownQueryParameter"))
                .body("components.responses.UnknownQueryParameter.description", containsString("takes none"))
                .body("paths.'/api/users/me'.get.responses", allOf(hasKey("401"), not(hasKey("404")), not(hasKey("410"))))
                .body("paths.'/api/users'.get.responses", allOf(hasKey("400"), hasKey("401"), not(hasKey("404"))))
                .body("paths.'/api/users/{id}'.patch.responses", allOf(hasKey("400"), hasKey("404"), hasKey("415"), not(hasKey("410"))))
                .body("paths.'/api/auth/tokens'.post.responses", allOf(hasKey("400"), hasKey("401"), hasKey("415")))
                // Never allowed: nothing about its input or its target can matter, but its project's
                // 404 or 410 comes first.
                .body("paths.'/api/projects/{projectId}/approvals/{id}'.put.responses",
                        allOf(hasKey("405"), not(hasKey("400")), hasKey("404"), hasKey("410"), not(hasKey("412"))))
                // A precondition on an operation that keeps no entity tag is a 412 (UnsupportedPreconditions).
                .body("paths.'/api/users/{id}'.patch.responses.'412'.'$ref'", equalTo("#/components/responses/PreconditionFailed"))
                .body("paths.'/api/projects/{projectId}/runs'.post.responses.'412'.'$ref'",
                        equalTo("#/components/responses/PreconditionFailed"))
                .body(task + ".patch.responses.'412'.headers", hasKey("ETag"));
        // Every created thing but a token has an address, given in Location.
        for (String path : new String[]{"/api/users", "/api/projects", "/api/projects/{projectId}/tasks",
                "/api/projects/{projectId}/change-requests", "/api/projects/{projectId}/approvals",
                "/api/projects/{projectId}/runs", "/api/projects/{projectId}/artifacts"}) {
            document.body("paths.'" + path + "'.post.responses.'201'.headers", hasKey("Location"));
        }
        document.body("paths.'/api/auth/tokens'.post.responses.'201'.headers", nullValue());
        // Errors Quarkus describes itself are problem documents too.
        JsonPath json = document.extract().jsonPath();
        for (String status : new String[]{"400", "401", "403"}) {
            Map<String, Object> answer = answer(json, "paths.'/api/users'.post.responses.'" + status + "'");
            assertEquals(Set.of("application/problem+json"), ((Map<?, ?>) answer.get("content")).keySet(), status);
        }
        assertEquals("No bearer token, or one that is unknown, expired or revoked",
                answer(json, "paths.'/api/users'.post.responses.'401'").get("description"));
    }

    /**
     * The answers many operations share are described once and referred to: every reference names a
     * described answer, which is a problem document, and every error answer has a body.
     */
    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeEverySharedAnswerThatIsReferredTo() {
        JsonPath json = given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = json.getMap("paths");
        int references = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getValue().get("responses");
                for (var response : responses.entrySet()) {
                    String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
                    if (response.getValue().containsKey("$ref")) {
                        references++;
                    }
                    Map<String, Object> answer = answer(json, "paths.'" + path.getKey() + "'." + operation.getKey()
                            + ".responses.'" + response.getKey() + "'");
                    assertTrue(answer.get("description") instanceof String, where);
                    Map<?, ?> content = (Map<?, ?>) answer.get("content");
                    if (response.getValue().containsKey("$ref")) {
                        assertTrue(content != null && content.containsKey("application/problem+json"), where);
                    } else if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        // A problem document, or the outcome a migration retry reports on its 503.
                        assertTrue(content != null && !content.isEmpty(), where);
                    }
                }
            }
        }
        assertTrue(references > 100, "shared answers referred to: " + references);
    }

    /** Query parameters are read as text, to name a bad one in a 400; the document says what they hold. */
    @Test
    void shouldDescribeQueryParametersAsTheNumbersAndNamesTheServiceTakes() {
        var document = given().accept("application/json").when().get("/q/openapi").then().statusCode(200);
        String runs = "paths.'/api/projects/{projectId}/runs'.get.parameters.find { it.name == '%s' }.schema";
        document.body(runs.formatted("taskId") + ".type", equalTo("integer"))
                .body(runs.formatted("taskId") + ".format", equalTo("int64"))
                .body(runs.formatted("size") + ".maximum", equalTo(200))
                .body(runs.formatted("size") + ".minimum", equalTo(1))
                .body(runs.formatted("page") + ".minimum", equalTo(0))
                .body(runs.formatted("status") + ".'$ref'", endsWith("/RunStatus"))
                .body("components.schemas.RunStatus.enum", hasItems("RUNNING", "TIMEOUT"))
                .body("paths.'/api/projects/{projectId}/tasks'.get.parameters.find { it.name == 'phase' }.schema.'$ref'",
                        endsWith("/TaskPhase"))
                .body("paths.'/api/projects/{projectId}/artifacts'.get.parameters.find { it.name == 'type' }.schema.'$ref'",
                        endsWith("/ArtifactType"))
                .body("paths.'/api/projects/{projectId}/approvals'.get.parameters.find { it.name == 'changeRequestId' }.schema.type",
                        equalTo("integer"));
    }

    /** The answer at {@code path} of the document, its reference to components/responses followed. */
    private static Map<String, Object> answer(JsonPath json, String path) {
        Map<String, Object> answer = json.getMap(path);
        Object ref = answer.get("$ref");
        if (ref == null) {
            return answer;
        }
        String prefix = "#/components/responses/";
        assertTrue(ref.toString().startsWith(prefix), ref.toString());
        Map<String, Object> shared = json.getMap("components.responses.'" + ref.toString().substring(prefix.length()) + "'");
        assertTrue(shared != null, "no shared answer " + ref);
        return shared;
    }

    @Test
    void shouldDescribeTheConflictsAndRefusalsEachOperationCanGive() {
        var document = given().accept("application/json").when().get("/q/openapi").then().statusCode(200);
        String changeRequest = "paths.'/api/projects/{projectId}/change-requests/{id}'";
        document.body("paths.'/api/users'.post.responses", hasKey("409"))
                .body("paths.'/api/users/{id}'.patch.responses", allOf(hasKey("200"), hasKey("409")))
                .body("paths.'/api/users/{id}'.delete.responses", allOf(hasKey("204"), hasKey("409")))
                .body(changeRequest + ".patch.responses", allOf(hasKey("200"), hasKey("409")))
                .body(changeRequest + ".delete.responses", allOf(hasKey("204"), hasKey("409")))
                .body("paths.'/api/projects/{projectId}/change-requests/{id}/submit'.post.responses", allOf(hasKey("200"), hasKey("409")))
                .body("paths.'/api/projects/{projectId}/change-requests/{id}/implemented'.post.responses", allOf(hasKey("200"), hasKey("409")))
                .body("paths.'/api/projects/{projectId}/runs'.post.responses", allOf(hasKey("201"), hasKey("409")))
                .body("paths.'/api/projects/{projectId}/runs/{runId}/finish'.post.responses", allOf(hasKey("200"), hasKey("409")))
                .body("paths.'/api/projects/{projectId}/approvals'.post.responses", allOf(hasKey("201"), hasKey("403"), hasKey("409")))
                .body("paths.'/api/projects/{projectId}/artifacts'.post.responses.'413'.description",
                        containsString("max-artifact-bytes"))
                // A 403 only where it can happen: a required role, or a refusal the operation describes.
                .body("paths.'/api/users'.get.responses.'403'.description", containsString("ADMIN"))
                .body("paths.'/api/admin/schema'.get.responses", hasKey("403"))
                .body("paths.'/api/projects/{projectId}'.delete.responses", allOf(hasKey("204"), hasKey("403")))
                .body("paths.'/api/users/me'.get.responses", not(hasKey("403")))
                .body("paths.'/api/projects/{projectId}/tasks/{taskId}'.get.responses", not(hasKey("403")))
                .body("paths.'/api/auth/tokens/current'.delete.responses", not(hasKey("403")))
                .body("paths.'/api/admin/projects/{projectId}/migrate'.post.responses", hasKey("410"))
                // Retrying a quarantined file answers 503 with the outcome, not a problem.
                .body("paths.'/api/admin/projects/{projectId}/migrate'.post.responses.'503'.content.'application/json'.schema.'$ref'",
                        endsWith("/MigrationOutcome"));
    }

    @Test
    void shouldDescribeA503OnEveryOperationThatReachesADatabaseAndA413WhereverABodyIsRead() {
        Map<String, Map<String, Map<String, Object>>> paths = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) operation.getValue().get("responses");
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                if (!path.getKey().startsWith("/api/") || responses.containsKey("405")) {
                    continue;
                }
                operations++;
                assertTrue(responses.containsKey("503"), name + " documents no 503");
                assertEquals(operation.getValue().containsKey("requestBody"), responses.containsKey("413"),
                        name + ": a 413 exactly where a body is read");
            }
        }
        assertTrue(operations > 40, "only " + operations + " operations found");
    }

    @Test
    void shouldDescribeRequestBodiesAsTheServerReadsThem() {
        String approval = "components.schemas.CreateApprovalRequest.properties";
        String finish = "components.schemas.FinishRunRequest.properties";
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                // The server refuses a "subject" field as unknown (it is a validation check, not a field).
                .body(approval, allOf(hasKey("taskId"), hasKey("changeRequestId"), not(hasKey("subject"))))
                // Gates are any JSON value, as in the run the server answers with, not a Java JsonNode.
                .body(finish + ".gates", not(hasKey("properties")))
                .body(finish + ".gates", not(hasKey("type")))
                .body(finish + ".gates.description", equalTo("any JSON value, as reported"))
                .body("components.schemas.RunView.properties.gates.description", equalTo("any JSON value, as reported"))
                // RUNNING and TIMEOUT are always a 400 when finishing a run.
                .body(finish + ".status.enum", contains("SUCCESS", "FAILURE", "CANCELLED"));
    }

    @Test
    void shouldServeSwaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
