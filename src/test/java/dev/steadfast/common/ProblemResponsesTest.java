package dev.steadfast.common;

import dev.steadfast.ErrorLog;
import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error a client can meet is an RFC 9457 problem with no internals in it. */
@QuarkusTest
public class ProblemResponsesTest {

    @Test
    void shouldAnswerUnknownRoutesWithA404Problem() {
        given().auth().oauth2(TestApi.adminToken()).when().get("/api/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found")).body("title", notNullValue())
                .body("status", equalTo(404)).body("detail", notNullValue());
        given().when().get("/nowhere").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerAWrongMethodWithA405Problem() {
        given().auth().oauth2(TestApi.adminToken()).when().put("/api/users")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405))
                .header("Allow", "GET, HEAD, POST");
        // /api/users/me is its own path, not a user id: /api/users/{id}'s DELETE and PATCH are not offered.
        given().auth().oauth2(TestApi.adminToken()).when().put("/api/users/me")
                .then().statusCode(405).header("Allow", "GET, HEAD");
        // Whatever the media types: the method is what is wrong.
        given().auth().oauth2(TestApi.adminToken()).contentType("text/plain").body("x").when().patch("/api/users/me")
                .then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(TestApi.adminToken()).accept("text/csv").when().delete("/api/users/me")
                .then().statusCode(405).header("Allow", "GET, HEAD");
        // The same for a USER, whom /api/users/{id}'s role would have refused: the method is what is wrong.
        String user = TestApi.createUser("USER").token();
        given().auth().oauth2(user).contentType(ContentType.JSON).body("{}").when().patch("/api/users/me")
                .then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(user).when().delete("/api/users/me").then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(user).when().delete("/api/users/1").then().statusCode(403); // served: the role is what is wrong
    }

    @Test
    void shouldAnswerAWrongMethodInsideAProjectWith405NotAsIfTheThingDidNotExist() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        String base = "/api/projects/" + project;
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().put(base + "/tasks/" + task)
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405))
                .header("Allow", "DELETE, GET, HEAD, PATCH");
        given().auth().oauth2(token).when().post(base + "/tasks/" + task).then().statusCode(405);
        given().auth().oauth2(token).when().put(base + "/tasks").then().statusCode(405).header("Allow", "GET, HEAD, POST");
        given().auth().oauth2(token).when().post(base + "/runs/1").then().statusCode(405);
        // Editing an approval is always refused, so it is not offered either.
        given().auth().oauth2(token).when().post(base + "/approvals/1").then().statusCode(405).header("Allow", "GET, HEAD");
        given().auth().oauth2(token).when().delete(base + "/control").then().statusCode(405);
        given().auth().oauth2(token).when().get(base + "/tasks/" + task + "/transitions").then().statusCode(405);
        // Without credentials, routing tells nothing about the API: the 401 any operation gives.
        given().contentType(ContentType.JSON).body("{}").when().put(base + "/tasks/" + task)
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").header("Allow", nullValue());
        given().when().put("/api/users").then().statusCode(401).body("detail", equalTo(ProblemMappers.CREDENTIALS_REQUIRED));
        given().when().get("/api/no-such-thing").then().statusCode(401);
        given().contentType("text/plain").body("x").when().patch(base + "/tasks/" + task).then().statusCode(401);
        given().accept("text/plain").when().get("/api/users/me").then().statusCode(401);
        // Nor with credentials that are not a valid token.
        // Each gets the 401 its credentials get on any operation: a token refused, or none presented.
        given().auth().oauth2("sft_not-a-token").when().put("/api/users").then().statusCode(401).header("Allow", nullValue())
                .body("detail", equalTo(ProblemMappers.TOKEN_REJECTED));
        given().auth().oauth2("sft_not-a-token").when().get("/api/users/me").then().statusCode(401)
                .body("detail", equalTo(ProblemMappers.TOKEN_REJECTED));
        given().header("Authorization", "Basic YWRtaW46eA==").when().put(base + "/tasks/" + task).then().statusCode(401)
                .body("detail", equalTo(ProblemMappers.CREDENTIALS_REQUIRED));
        given().header("Authorization", "Bearer").when().get("/api/no-such-thing").then().statusCode(401)
                .body("detail", equalTo(ProblemMappers.CREDENTIALS_REQUIRED));
        given().when().put("/api/auth/tokens").then().statusCode(405); // signing in needs no token
        // Paths that do not exist stay 404, and a wrong method on them is no hint that they might.
        given().auth().oauth2(token).when().put(base + "/tasks/" + task + "/nothing").then().statusCode(404);
        given().auth().oauth2(token).when().put(base + "/nothing").then().statusCode(404);
        given().auth().oauth2(token).when().get(base + "/tasks/" + task).then().statusCode(200);
    }

    @Test
    void shouldTreatAnEncodedSlashAsPartOfItsSegmentForEveryMethod() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        String encoded = "/api/projects/" + project + "/tasks%2F" + task;
        for (String method : new String[]{"GET", "PUT", "PATCH"}) {
            HttpResponse<String> answer = send(method, encoded, token, null, "");
            assertEquals(404, answer.statusCode(), method + " " + encoded + ": " + answer.body());
        }
        // Other encoded characters are decoded as usual: this is /api/users.
        HttpResponse<String> users = send("PUT", "/api/%75sers", token, null, "");
        assertEquals(405, users.statusCode(), users.body());
        assertEquals("GET, HEAD, POST", users.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void shouldAnswerMalformedJsonWithA400Problem() {
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON).body("{\"username\": ")
                .when().post("/api/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/malformed-json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldNameAFieldOfTheWrongType() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"x\",\"ttlSeconds\":\"soon\"}")
                .when().post("/api/auth/tokens")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.ttlSeconds", notNullValue());
    }

    @Test
    void shouldRefuseANumberOrBooleanWhereTextIsExpectedAndStoreNothing() {
        String token = TestApi.adminToken();
        String tasks = "/api/projects/" + TestApi.createProject(token) + "/tasks";
        Map<String, String> fieldOfEachBody = Map.of(
                "{\"title\":\"Build\",\"phase\":\"PLANNER\",\"content\":42}", "content",
                "{\"title\":\"Build\",\"phase\":\"PLANNER\",\"content\":4.2}", "content",
                "{\"title\":true,\"phase\":\"PLANNER\",\"content\":\"text\"}", "title");
        fieldOfEachBody.forEach((body, field) -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(tasks)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors." + field, notNullValue()));
        given().auth().oauth2(token).when().get(tasks).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRequireABodyWhereAnOperationTakesOneAndStoreNothing() {
        String token = TestApi.adminToken();
        String project = "/api/projects/" + TestApi.createProject(token);
        Map<String, String> methodOfEachPath = Map.ofEntries( // every operation that reads a JSON body
                Map.entry(project + "/tasks", "POST"),
                Map.entry(project + "/tasks/1", "PATCH"),
                Map.entry(project + "/tasks/1/transitions", "POST"),
                Map.entry(project + "/runs", "POST"),
                Map.entry(project + "/runs/1/finish", "POST"),
                Map.entry(project + "/change-requests", "POST"),
                Map.entry(project + "/change-requests/1", "PATCH"),
                Map.entry(project + "/approvals", "POST"),
                Map.entry(project + "/control", "PUT"),
                Map.entry(project, "PATCH"),
                Map.entry("/api/projects", "POST"),
                Map.entry("/api/users", "POST"),
                Map.entry("/api/users/1", "PATCH"),
                Map.entry("/api/users/me/password", "PUT"),
                Map.entry("/api/auth/tokens", "POST"));
        methodOfEachPath.forEach((path, method) -> {
            for (String body : new String[] {"", "null"}) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                        .when().request(method, path)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("/problems/validation"))
                        .body("errors.request", equalTo("a JSON body is required"));
            }
        });
        given().auth().oauth2(token).when().get(project + "/tasks").then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token).when().get(project + "/runs").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldNameEveryInvalidFieldOfABodyAndStoreNothing() {
        String token = TestApi.adminToken();
        String tasks = "/api/projects/" + TestApi.createProject(token) + "/tasks";
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\" \",\"content\":\"text\"}")
                .when().post(tasks)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.title", notNullValue()).body("errors.phase", notNullValue());
        given().auth().oauth2(token).when().get(tasks).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldRefuseAValueOfAnotherTypeInsteadOfConvertingItAndChangeNothing() {
        String token = TestApi.adminToken();
        String project = "/api/projects/" + TestApi.createProject(token);
        long task = TestApi.createTask(token, project.substring("/api/projects/".length()));
        Map<String, String> fieldOfEachBody = Map.of(
                "{\"decision\":\"APPROVED\",\"taskId\":" + task + ".7}", "taskId",
                "{\"decision\":\"APPROVED\",\"taskId\":\"" + task + "\"}", "taskId");
        fieldOfEachBody.forEach((body, field) -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(project + "/approvals")
                .then().statusCode(400).body("errors." + field, equalTo("has a value of the wrong type or format")));
        given().auth().oauth2(token).when().get(project + "/approvals").then().statusCode(200).body("total", equalTo(0));

        for (String body : new String[] {"{\"paused\":1,\"maxAttempts\":3}", "{\"paused\":\"true\",\"maxAttempts\":3}",
                "{\"paused\":true,\"maxAttempts\":\"5\"}", "{\"paused\":true,\"maxAttempts\":2.5}",
                "{\"paused\":true,\"maxAttempts\":4294967297}", "{\"paused\":true,\"maxAttempts\":\"\"}",
                "{\"paused\":\"\",\"maxAttempts\":3}"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().put(project + "/control")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.size()", equalTo(1)).body("errors.values()[0]", equalTo("has a value of the wrong type or format"));
        }
        given().auth().oauth2(token).when().get(project + "/control").then().statusCode(200)
                .body("paused", equalTo(false)).body("maxAttempts", equalTo(3));

        TestApi.TestUser user = TestApi.createUser("USER");
        for (String body : new String[] {"{\"active\":0}", "{\"active\":\"false\"}", "{\"active\":\"\"}"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().patch("/api/users/" + user.id())
                    .then().statusCode(400).body("errors.active", equalTo("has a value of the wrong type or format"));
        }
        given().auth().oauth2(token).when().get("/api/users/" + user.id()).then().statusCode(200).body("active", equalTo(true));

        // An empty string is not "not given", and an enum's name is its name, without spaces around it.
        Map<String, String> taskBodies = Map.of(
                "{\"title\":\"t\",\"phase\":\"PLANNER\",\"content\":\"c\",\"priority\":\"\"}", "priority",
                "{\"title\":\"t\",\"phase\":\"\",\"content\":\"c\"}", "phase",
                "{\"title\":\"t\",\"phase\":\"\\tCODER\\n\",\"content\":\"c\"}", "phase",
                "{\"title\":\"t\",\"phase\":\" PLANNER\",\"content\":\"c\"}", "phase");
        taskBodies.forEach((body, field) -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(project + "/tasks")
                .then().statusCode(400).contentType("application/problem+json").body("errors." + field, notNullValue()));
        given().auth().oauth2(token).when().get(project + "/tasks").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"username\":\"" + TestApi.uniqueName("padded") + "\",\"password\":\"a-long-password-1\",\"role\":\" ADMIN \"}")
                .when().post("/api/users")
                .then().statusCode(400).body("errors.role", notNullValue());
    }

    @Test
    void shouldRefuseAKeyGivenTwiceAndTextThatIsNotUnicode() {
        String token = TestApi.adminToken();
        String name = TestApi.uniqueName("twice");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"a-long-password-1\",\"role\":\"USER\",\"role\":\"ADMIN\"}")
                .when().post("/api/users")
                .then().statusCode(400).contentType("application/problem+json").body("errors.role", equalTo("is given more than once"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"a\\ud800b\"}")
                .when().post("/api/projects")
                .then().statusCode(400).body("errors.name", equalTo("has a value of the wrong type or format"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"a \\ud83d\\ude00 b\"}")
                .when().post("/api/projects")
                .then().statusCode(201).body("name", equalTo("a \ud83d\ude00 b"));
        given().auth().oauth2(token).queryParam("size", 200).when().get("/api/users").then().statusCode(200)
                .body("items.username", not(hasItem(name)));
    }

    @Test
    void shouldRefuseAnUnknownFieldInsteadOfIgnoringIt() {
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON).body("{\"emial\":\"typo@example.org\"}")
                .when().patch("/api/users/1")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.emial", equalTo("is not a known field"));
    }

    @Test
    void shouldNameEveryUnknownFieldInOneAnswerAndChangeNothing() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"zz\":1,\"title\":\"t\",\"yy\":{\"deep\":[1,{\"x\":2}]},\"phase\":\"PLANNER\",\"content\":\"c\",\"xx\":null}")
                .when().post("/api/projects/" + project + "/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(3))
                .body("errors.zz", equalTo("is not a known field"))
                .body("errors.yy", equalTo("is not a known field"))
                .body("errors.xx", equalTo("is not a known field"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"type\":\"SPEC\",\"name\":\"s\",\"content\":\"x\",\"sha256\":\"forged\",\"size\":1}")
                .when().post("/api/projects/" + project + "/artifacts")
                .then().statusCode(400).body("errors.sha256", equalTo("is not a known field"))
                .body("errors.size", equalTo("is not a known field"));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/artifacts").then().body("total", equalTo(0));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks").then().body("total", equalTo(0));
    }

    @Test
    void shouldChallengeAFailedSignIn() {
        given().contentType(ContentType.JSON).body("{\"username\":\"admin\",\"password\":\"wrong-password\"}")
                .when().post("/api/auth/tokens")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void shouldAnswerAnUnsupportedMediaTypeWithAProblem() {
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.TEXT).body("hello")
                .when().post("/api/users")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseABodyWithoutAContentTypeOrInACharsetOtherThanUtf8AndChangeNothing() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        String name = given().auth().oauth2(token).when().get("/api/projects/" + project).then().extract().path("name");

        HttpResponse<String> signIn = withoutContentType("POST", "/api/auth/tokens", null,
                "{\"username\":\"admin\",\"password\":\"test-admin-password\"}");
        assertEquals(415, signIn.statusCode(), signIn.body());
        assertEquals("application/problem+json", signIn.headers().firstValue("Content-Type").orElse(""));
        assertTrue(signIn.body().contains("no Content-Type"), signIn.body());
        HttpResponse<String> rename = withoutContentType("PATCH", "/api/projects/" + project, token, "{\"name\":\"renamed\"}");
        assertEquals(415, rename.statusCode(), rename.body());
        given().auth().oauth2(token).contentType("application/json; charset=ISO-8859-1")
                .body("{\"name\":\"renamed\"}".getBytes(StandardCharsets.ISO_8859_1))
                .when().patch("/api/projects/" + project)
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("charset=ISO-8859-1"));
        given().auth().oauth2(token).when().get("/api/projects/" + project).then().body("name", equalTo(name));

        given().auth().oauth2(token).contentType("application/json; charset=utf-8").body(Map.of("name", "renamed"))
                .when().patch("/api/projects/" + project).then().statusCode(200).body("name", equalTo("renamed"));
        long task = TestApi.createTask(token, project);
        HttpResponse<String> action = withoutContentType("POST",
                "/api/projects/" + project + "/tasks/" + task + "/versions/1/restore", token, "");
        assertEquals(200, action.statusCode(), "an action without a body needs no Content-Type: " + action.body());
        HttpResponse<String> edit = withoutContentType("PUT", "/api/projects/" + project + "/approvals/1", token, "{}");
        assertEquals(405, edit.statusCode(), "approvals are never edited, whatever the body: " + edit.body());
        given().auth().oauth2(token).contentType("application/json; charset=ISO-8859-1")
                .body("{\"type\":\"LOG\",\"name\":\"a.log\",\"content\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1))
                .when().post("/api/projects/" + project + "/artifacts")
                .then().statusCode(415).body("detail", containsString("charset=ISO-8859-1"));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/artifacts").then().body("total", equalTo(0));
    }

    @Test
    void shouldAcceptWhitespaceBetweenTheMediaTypeAndItsParameters() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        HttpResponse<String> created = send("POST", "/api/projects/" + project + "/tasks", token,
                "application/json ;charset=utf-8", "{\"title\":\"spaced\",\"phase\":\"PLANNER\",\"content\":\"c\"}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> renamed = send("PATCH", "/api/projects/" + project, token,
                "application/json \t; charset=\"UTF-8\"", "{\"name\":\"spaced\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        given().auth().oauth2(token).when().get("/api/projects/" + project).then().body("name", equalTo("spaced"));
        // The repair takes out whitespace only: another charset is still refused.
        HttpResponse<String> latin = send("PATCH", "/api/projects/" + project, token,
                "application/json ; charset=ISO-8859-1", "{\"name\":\"latin\"}");
        assertEquals(415, latin.statusCode(), latin.body());
    }

    @Test
    void shouldAnswerOptionsWithAnInvalidTokenWithoutLoggingAnError() throws Exception {
        List<LogRecord> errors;
        try (ErrorLog log = ErrorLog.capture()) {
            errors = log.records();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> bogus = send("OPTIONS", "/api/users", "sft_not-a-token", null, "");
                assertEquals(401, bogus.statusCode(), bogus.body());
                assertTrue(bogus.body().contains("/problems/unauthorized"), bogus.body());
            }
            Thread.sleep(300); // the second answer was attempted on the event loop after the first went out
        }
        // Anyone without a token could otherwise fill the log with stack traces and trip alerts.
        assertTrue(errors.isEmpty(), () -> "logged: " + errors.stream()
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }

    @Test
    void shouldAnswerOptionsWithTheMethodsServedOnThePath() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        HttpResponse<String> item = send("OPTIONS", "/api/projects/" + project + "/tasks/" + task, token, null, "");
        assertEquals(204, item.statusCode(), item.body());
        assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", item.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> users = send("OPTIONS", "/api/users", token, null, "");
        assertEquals("GET, HEAD, OPTIONS, POST", users.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> me = send("OPTIONS", "/api/users/me", token, null, "");
        assertEquals("GET, HEAD, OPTIONS", me.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> signIn = send("OPTIONS", "/api/auth/tokens", null, null, "");
        assertEquals(204, signIn.statusCode(), signIn.body());
        assertEquals("OPTIONS, POST", signIn.headers().firstValue("Allow").orElse(""));
        // Without credentials, as for a wrong method: the 401 of any operation, not a map of the API.
        HttpResponse<String> anonymous = send("OPTIONS", "/api/users", null, null, "");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("Allow").isEmpty());
        HttpResponse<String> bogus = send("OPTIONS", "/api/users", "sft_not-a-token", null, "");
        assertEquals(401, bogus.statusCode(), bogus.body());
        assertTrue(bogus.headers().firstValue("Allow").isEmpty());
        HttpResponse<String> nothing = send("OPTIONS", "/api/projects/" + project + "/nothing", token, null, "");
        assertEquals(404, nothing.statusCode(), nothing.body());
        assertTrue(nothing.body().contains("/problems/not-found"), nothing.body());
    }

    @Test
    void shouldAnswerOptionsOnAnUnknownProjectWithThe404OfItsOperations() throws Exception {
        String token = TestApi.adminToken();
        String unknown = UUID.randomUUID().toString();
        // Each path with a method its operation serves: OPTIONS tells no more than that operation.
        Map<String, String> served = Map.of(
                "/api/projects/999999/tasks", "GET",
                "/api/projects/" + unknown, "GET",
                "/api/projects/" + unknown + "/tasks/1/versions", "GET",
                "/api/admin/projects/" + unknown + "/migrate", "POST");
        for (Map.Entry<String, String> route : served.entrySet()) {
            HttpResponse<String> operation = send(route.getValue(), route.getKey(), token, null, "");
            assertEquals(404, operation.statusCode(), route + ": " + operation.body());
            HttpResponse<String> options = send("OPTIONS", route.getKey(), token, null, "");
            assertEquals(404, options.statusCode(), route + ": " + options.body());
            assertEquals("application/problem+json", options.headers().firstValue("Content-Type").orElse(""));
            assertEquals(operation.body(), options.body(), route.getKey());
            assertTrue(options.headers().firstValue("Allow").isEmpty(), route.getKey());
        }
        // An archived project still serves its purge (DELETE ?purge=true): OPTIONS lists its methods.
        String archived = TestApi.createProject(token);
        given().auth().oauth2(token).when().delete("/api/projects/" + archived).then().statusCode(204);
        HttpResponse<String> options = send("OPTIONS", "/api/projects/" + archived, token, null, "");
        assertEquals(204, options.statusCode(), options.body());
        assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", options.headers().firstValue("Allow").orElse(""));
        // Inside it nothing is served any more, and nothing at all once it is purged: the 410 of its operations.
        String purged = TestApi.createProject(token);
        given().auth().oauth2(token).queryParam("purge", true).when().delete("/api/projects/" + purged).then().statusCode(204);
        for (String path : List.of("/api/projects/" + archived + "/tasks", "/api/projects/" + purged,
                "/api/projects/" + purged + "/tasks")) {
            HttpResponse<String> gone = send("OPTIONS", path, token, null, "");
            assertEquals(410, gone.statusCode(), path + ": " + gone.body());
            assertTrue(gone.body().contains("/problems/gone"), gone.body());
            assertTrue(gone.headers().firstValue("Allow").isEmpty(), path);
        }
    }

    @Test
    void shouldRefuseABlankOrWildcardContentTypeOnAJsonBodyAs415NotAsAFailure() throws Exception {
        String body = "{\"username\":\"admin\",\"password\":\"test-admin-password\"}";
        for (String blank : new String[]{"", " "}) {
            HttpResponse<String> signIn = send("POST", "/api/auth/tokens", null, blank, body);
            assertEquals(415, signIn.statusCode(), "Content-Type '" + blank + "': " + signIn.body());
        }
        for (String wildcard : new String[]{"*/*", "application/*"}) {
            HttpResponse<String> signIn = send("POST", "/api/auth/tokens", null, wildcard, body);
            assertEquals(415, signIn.statusCode(), "Content-Type '" + wildcard + "': " + signIn.body());
        }
    }

    @Test
    void shouldIgnoreTheContentTypeOfARequestWithoutABody() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        for (String type : new String[]{"text/plain", "application/xml", "application/", "foo", ";"}) {
            given().auth().oauth2(token).header("Content-Type", type)
                    .when().get("/api/users/me").then().statusCode(200);
            given().auth().oauth2(token).header("Content-Type", type)
                    .when().get("/api/projects/" + project + "/tasks").then().statusCode(200);
            given().header("Content-Type", type)
                    .when().get("/api/users/me").then().statusCode(401);
            given().auth().oauth2(token).header("Content-Type", type)
                    .when().post("/api/admin/projects/" + project + "/migrate").then().statusCode(200);
        }
        String other = TestApi.adminToken();
        given().auth().oauth2(other).header("Content-Type", "text/plain")
                .when().delete("/api/auth/tokens/current").then().statusCode(204);
        given().auth().oauth2(other).when().get("/api/users/me").then().statusCode(401);
    }

    @Test
    void shouldGiveTheSameMessageForTheSameMistakeOnCreateAndOnEdit() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        String tooLong = "t".repeat(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", tooLong, "phase", "PLANNER", "content", "c"))
                .when().post("/api/projects/" + project + "/tasks")
                .then().statusCode(400).body("errors.title", equalTo("must be at most 200 characters"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", tooLong))
                .when().patch("/api/projects/" + project + "/tasks/" + task)
                .then().statusCode(400).body("errors.title", equalTo("must be at most 200 characters"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", tooLong))
                .when().patch("/api/projects/" + project)
                .then().statusCode(400).body("errors.name", equalTo("must be at most 200 characters"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", ""))
                .when().patch("/api/projects/" + project + "/tasks/" + task)
                .then().statusCode(400).body("errors.title", equalTo("must not be blank"));
        for (int i = 0; i < 5; i++) { // two rules broken: both named, always in the same order
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "\t"))
                    .when().patch("/api/projects/" + project + "/tasks/" + task)
                    .then().statusCode(400).body("errors.title",
                            equalTo("must be a single line without control characters; must not be blank"));
        }
    }

    @Test
    void shouldCallValidJsonOfTheWrongShapeInvalidNotMalformed() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        for (String body : new String[]{"[]", "\"x\"", "1", "[{\"title\":\"t\"}]"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().patch("/api/projects/" + project + "/tasks/" + task)
                    .then().statusCode(400).body("type", equalTo("/problems/validation"))
                    .body("errors.request", equalTo("must be a JSON object"));
        }
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks/" + task)
                .then().body("version", equalTo(1)).body("title", startsWith("Task "));
    }

    @Test
    void shouldCallABodyThatIsNotUtf8MalformedAndStoreNothing() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        byte[] latin1 = "{\"title\":\"caf\u00e9\",\"phase\":\"PLANNER\",\"content\":\"c\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"title\":\"t\",\"phase\":\"PLANNER\",\"content\":\"c\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_16);
        byte[] overlongSlash = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', 'a', (byte) 0xc0, (byte) 0xaf, 'b', '"', ','};
        byte[] overlong = concat(overlongSlash, "\"phase\":\"PLANNER\",\"content\":\"c\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] beyondUnicode = concat("{\"title\":\"a".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[]{(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                "\",\"phase\":\"PLANNER\",\"content\":\"c\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (byte[] body : new byte[][]{latin1, utf16, overlong, beyondUnicode}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().post("/api/projects/" + project + "/tasks")
                    .then().statusCode(400).body("type", equalTo("/problems/malformed-json"))
                    .body("detail", containsString("UTF-8"));
        }
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks").then().body("total", equalTo(0));
    }

    @Test
    void shouldRefuseTextAfterTheJsonValueAndStoreNothing() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        for (String trailing : new String[]{" trailing text", "{\"title\":\"second\"}", "]"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"title\":\"first\",\"phase\":\"PLANNER\",\"content\":\"c\"}" + trailing)
                    .when().post("/api/projects/" + project + "/tasks")
                    .then().statusCode(400).body("type", equalTo("/problems/malformed-json"));
        }
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks").then().body("total", equalTo(0));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Sends a body with no Content-Type header at all, which RestAssured would always add. */
    private static HttpResponse<String> withoutContentType(String method, String path, String token, String body)
            throws Exception {
        return send(method, path, token, null, body);
    }

    /** Sends a request exactly as given: a null {@code contentType} sends no such header. */
    private static HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldNeverShowStackTracesOrClassNames() {
        String body = given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON).body("[1,2")
                .when().post("/api/users").then().statusCode(400).extract().asString();
        assertFalse(body.contains("com.fasterxml") || body.contains("dev.steadfast") || body.contains("\tat "), body);
    }

    @Test
    void shouldTurnSqliteConstraintFailuresInto409And400NotA500() {
        ProblemMappers mappers = new ProblemMappers();
        Response unique = mappers.unexpected(new GenericJDBCException("insert failed",
                new SQLiteException("UNIQUE constraint failed: users.username", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)));
        assertEquals(409, unique.getStatus());
        Response foreignKey = mappers.unexpected(new GenericJDBCException("insert failed",
                new SQLiteException("FOREIGN KEY constraint failed", SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)));
        assertEquals(409, foreignKey.getStatus());
        Response check = mappers.unexpected(new GenericJDBCException("insert failed",
                new SQLiteException("CHECK constraint failed", SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK)));
        assertEquals(400, check.getStatus());
        Response busy = mappers.unexpected(new GenericJDBCException("locked",
                new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY)));
        assertEquals(503, busy.getStatus());
        Problem problem = (Problem) unique.getEntity();
        assertFalse(problem.detail().contains("users.username"), "SQL details stay in the log");
    }

    @Test
    void shouldRefuseEveryLaterWriteOnceSQLiteReportsAnIoError() {
        ProblemMappers mappers = new ProblemMappers();
        mappers.groupCommit = new dev.steadfast.project.GroupCommit(true, 5_000, project -> () -> { });
        Response response = mappers.unexpected(new GenericJDBCException("commit failed",
                new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR_FSYNC)));
        assertEquals(503, response.getStatus());
        assertEquals("/problems/storage-failure", ((Problem) response.getEntity()).type());
        assertNull(response.getHeaderString("Retry-After"), "retrying will not help before a restart");
        org.hamcrest.MatcherAssert.assertThat("liveness reports it, and no write starts any more",
                mappers.groupCommit.failure(), containsString("SQLITE_IOERR_FSYNC"));
    }

    @Test
    void shouldHideTheCauseOfAnUnexpectedFailureBehindAnIncidentId() {
        Response response = new ProblemMappers().unexpected(new IllegalStateException("secret internals"));
        assertEquals(500, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        org.hamcrest.MatcherAssert.assertThat(problem.detail(),
                allOf(containsString("Incident"), not(containsString("secret internals")), not(containsString("IllegalState"))));
    }
}
