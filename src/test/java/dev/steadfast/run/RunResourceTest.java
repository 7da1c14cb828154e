package dev.steadfast.run;

import dev.steadfast.TestApi;
import dev.steadfast.project.ProjectFiles;
import dev.steadfast.schema.ProjectMigrator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs: attempts at a task, limited by the project's control state, finished by their executor,
 * and timed out by the service when they stay RUNNING longer than steadfast.projects.run-timeout
 * (1h by default, which these tests rely on; "an hour ago" is written straight into the project file).
 */
@QuarkusTest
class RunResourceTest {

    private static final Duration TIMEOUT = Duration.ofHours(1);

    @Inject
    ProjectFiles files;

    @Inject
    ProjectMigrator migrator;

    private String token;
    private String project;
    private long task;

    @BeforeEach
    void setUp() {
        token = TestApi.adminToken();
        project = TestApi.createProject(token);
        task = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, task, "IN_PROGRESS");
    }

    @Test
    void shouldStartTheFirstAttemptAsRunningAndMakeItsTaskCurrent() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().log().ifValidationFails().statusCode(201)
                .header("Location", containsString(runs() + "/"))
                .body("id", notNullValue()).body("taskId", equalTo((int) task)).body("attempt", equalTo(1))
                .body("status", equalTo("RUNNING")).body("startedAt", notNullValue())
                .body("finishedAt", nullValue()).body("gates", nullValue()).body("summary", nullValue());
        control().body("currentTaskId", equalTo((int) task));
    }

    @Test
    void shouldRefuseASecondRunWhileTheTaskHasOneRunning() {
        long first = start(task);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already has a RUNNING run (id " + first + ")"));
        given().auth().oauth2(token).queryParam("taskId", task).when().get(runs())
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldNumberAttemptsAndRefuseOnceMaxAttemptsIsReached() {
        setControl(false, 2);
        long first = start(task);
        finish(first, "FAILURE").statusCode(200);
        long second = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(201).body("attempt", equalTo(2))
                .extract().jsonPath().getLong("id");
        finish(second, "CANCELLED").statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("2 of its 2 attempts")).body("detail", containsString("maxAttempts"));
        setControl(false, 3); // raising the limit gives the task another attempt
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(201).body("attempt", equalTo(3));
    }

    @Test
    void shouldRefuseToStartWhileTheProjectIsPausedAndStartOnceResumed() {
        setControl(true, 3);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("paused"));
        given().auth().oauth2(token).when().get(runs()).then().statusCode(200).body("total", equalTo(0));
        control().body("currentTaskId", nullValue());
        setControl(false, 3);
        start(task);
    }

    @Test
    void shouldRefuseRunsForCompletedOrCancelledTasks() {
        long completed = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, completed, "IN_PROGRESS", "AWAITING_APPROVAL", "APPROVED", "COMPLETED");
        long cancelled = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, cancelled, "CANCELLED");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", completed))
                .when().post(runs())
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("COMPLETED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", cancelled))
                .when().post(runs())
                .then().statusCode(409).body("detail", containsString("CANCELLED"));
    }

    @Test
    void shouldAnswer404ForAnUnknownTaskOrATaskOfAnotherProject() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", 424242))
                .when().post(runs())
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("424242"));
        String other = TestApi.createProject(token);
        TestApi.createTask(token, other);
        long foreign = TestApi.createTask(token, other); // id 2 there; this project has only task 1
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", foreign))
                .when().post(runs())
                .then().statusCode(404);
        given().auth().oauth2(token).when().get(runs()).then().body("total", equalTo(0));
    }

    @Test
    void shouldRequireATaskIdToStart() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .when().post(runs())
                .then().statusCode(400).body("errors.taskId", equalTo("is required"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", "first"))
                .when().post(runs())
                .then().statusCode(400).body("errors.taskId", notNullValue());
    }

    @Test
    void shouldFinishARunWithItsSummaryAndGatesAndReleaseTheCurrentTask() {
        long run = start(task);
        Map<String, Object> gates = Map.of("tests", "passed", "coverage", 0.82, "checks", List.of("lint", "build"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("status", "SUCCESS", "summary", "all green", "gates", gates))
                .when().post(run(run) + "/finish")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("SUCCESS")).body("finishedAt", notNullValue())
                .body("summary", equalTo("all green"))
                .body("gates.tests", equalTo("passed")).body("gates.coverage", equalTo(0.82f))
                .body("gates.checks", equalTo(List.of("lint", "build")));
        given().auth().oauth2(token).when().get(run(run))
                .then().statusCode(200).body("status", equalTo("SUCCESS")).body("gates.tests", equalTo("passed"))
                .body("summary", equalTo("all green"));
        control().body("currentTaskId", nullValue());
    }

    @Test
    void shouldNameAKeyGivenTwiceInsideTheGatesByItsWholePathAndKeepTheRunOpen() {
        long run = start(task);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"status\":\"SUCCESS\",\"gates\":{\"checks\":[{\"lint\":1,\"lint\":2}]}}")
                .when().post(run(run) + "/finish")
                .then().statusCode(400).body("errors.'gates.checks.[0].lint'", equalTo("is given more than once"));
        given().auth().oauth2(token).when().get(run(run)).then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    @Test
    void shouldCallGatesNestedDeeperThanTheServiceReadsMalformedNotTooLargeAndKeepTheRunOpen() {
        long run = start(task);
        // 2,000 nested arrays are 4 KB: deep, not large.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"status\":\"SUCCESS\",\"gates\":" + "[".repeat(2000) + "]".repeat(2000) + "}")
                .when().post(run(run) + "/finish")
                .then().statusCode(400).body("type", equalTo("/problems/malformed-json"));
        given().auth().oauth2(token).when().get(run(run)).then().statusCode(200).body("status", equalTo("RUNNING"));
        // A 1,001-digit number is 1 KB: long, not large, so a 400, not a 413.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"status\":\"SUCCESS\",\"gates\":{\"n\":" + "9".repeat(1001) + "}}")
                .when().post(run(run) + "/finish")
                .then().statusCode(400).body("detail", equalTo("A number in the request body has more digits than the service reads (at most 1,000)."))
                .body("errors.gates", equalTo("has a number of more than 1,000 digits"));
        given().auth().oauth2(token).when().get(run(run)).then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    @Test
    void shouldRefuseGatesHoldingAnUnpairedSurrogateAndLeaveTheRunRunning() throws Exception {
        long run = start(task);
        for (String gates : List.of("{\"k\":\"\\udc00\"}", "\"\\ud800\"", "[1,2,\"\\ud800\"]",
                "{\"a\":{\"b\":[\"ok\",\"x\\udfff\"]}}")) {
            Map<String, String> errors = finishWithGates(run, gates).extract().jsonPath().getMap("errors");
            assertTrue(errors != null && !errors.isEmpty() && errors.keySet().stream().allMatch(field -> field.startsWith("gates"))
                    && errors.values().stream().allMatch(text -> text.contains("wrong type or format")), gates + ": " + errors);
            assertEquals("RUNNING", statusInFile(run), "refused gates " + gates + " change nothing");
        }
        // In a key, Jackson's parser refuses it itself: not JSON text.
        finishWithGates(run, "{\"\\ud800\":1}").body("type", equalTo("/problems/malformed-json"));
        assertEquals("RUNNING", statusInFile(run));
        // A well-formed pair is text like any other, and the run can still be finished.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"status\":\"SUCCESS\",\"gates\":{\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}}")
                .when().post(run(run) + "/finish")
                .then().statusCode(200).body("gates", equalTo(Map.of("\ud83d\ude00", "\ud83d\ude00")));
    }

    @Test
    void shouldKeepGatesOfAnyJsonShapeAndAllowNone() {
        long run = start(task);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"status\": \"FAILURE\", \"gates\": [\"lint\", 3, true, null]}")
                .when().post(run(run) + "/finish")
                .then().statusCode(200).body("gates", equalTo(java.util.Arrays.asList("lint", 3, true, null)));
        long next = start(task);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "CANCELLED"))
                .when().post(run(next) + "/finish")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("gates", nullValue())
                .body("summary", nullValue());
    }

    @Test
    void shouldKeepDecimalNumbersInTheGatesExactlyInTheAnswerAndInTheProjectFile() throws Exception {
        long run = start(task);
        // A double would make these 0.12345678901234568, 100.0 and 1.5.
        String sent = "{\"price\":0.12345678901234567890123,\"n\":1e2,\"ratio\":1.50,"
                + "\"big\":123456789012345678901234567890}";
        String kept = "{\"price\":0.12345678901234567890123,\"n\":1E+2,\"ratio\":1.50,"
                + "\"big\":123456789012345678901234567890}";
        String finished = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"status\":\"SUCCESS\",\"gates\":" + sent + "}")
                .when().post(run(run) + "/finish")
                .then().statusCode(200).extract().asString();
        assertTrue(finished.contains("\"gates\":" + kept), finished);
        String read = given().auth().oauth2(token).when().get(run(run)).then().statusCode(200).extract().asString();
        assertTrue(read.contains("\"gates\":" + kept), read);
        assertEquals(kept, gatesInFile(run));
    }

    @Test
    void shouldKeepTheCurrentTaskWhenAnEarlierTaskFinishes() {
        long other = TestApi.createTask(token, project);
        long first = start(task);
        start(other);
        control().body("currentTaskId", equalTo((int) other));
        finish(first, "SUCCESS").statusCode(200);
        control().body("currentTaskId", equalTo((int) other));
    }

    @Test
    void shouldRefuseToFinishARunThatIsNotRunning() {
        long run = start(task);
        finish(run, "SUCCESS").statusCode(200);
        finish(run, "FAILURE").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is SUCCESS; only a RUNNING run can be finished"));
        given().auth().oauth2(token).when().get(run(run)).then().body("status", equalTo("SUCCESS"));
    }

    @Test
    void shouldRefuseRunningTimeoutOrMissingStatusWhenFinishing() {
        long run = start(task);
        finish(run, "RUNNING").statusCode(400).contentType("application/problem+json")
                .body("errors.status", containsString("SUCCESS, FAILURE or CANCELLED"));
        finish(run, "TIMEOUT").statusCode(400).body("errors.status", containsString("set by the service"));
        finish(run, "DONE").statusCode(400).body("errors.status", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("summary", "no status"))
                .when().post(run(run) + "/finish")
                .then().statusCode(400).body("errors.status", notNullValue());
        given().auth().oauth2(token).when().get(run(run)).then().body("status", equalTo("RUNNING"));
    }

    @Test
    void shouldListRunsInPagesAndFilterByTaskAndStatus() {
        long other = TestApi.createTask(token, project);
        long first = start(task);
        finish(first, "FAILURE").statusCode(200);
        long second = start(task);
        long third = start(other);
        given().auth().oauth2(token).queryParam("size", 2).when().get(runs())
                .then().statusCode(200).body("items", hasSize(2)).body("total", equalTo(3))
                .body("items.id", equalTo(List.of((int) first, (int) second)));
        given().auth().oauth2(token).queryParam("size", 2).queryParam("page", 1).when().get(runs())
                .then().statusCode(200).body("items.id", equalTo(List.of((int) third)));
        given().auth().oauth2(token).queryParam("taskId", task).when().get(runs())
                .then().statusCode(200).body("total", equalTo(2)).body("items.attempt", equalTo(List.of(1, 2)));
        given().auth().oauth2(token).queryParam("status", "running").when().get(runs())
                .then().statusCode(200).body("items.id", equalTo(List.of((int) second, (int) third)));
        given().auth().oauth2(token).queryParam("status", "FAILURE").queryParam("taskId", task).when().get(runs())
                .then().statusCode(200).body("items.id", equalTo(List.of((int) first)));
        given().auth().oauth2(token).queryParam("status", "DONE").when().get(runs())
                .then().statusCode(400).body("errors.status", notNullValue());
        given().auth().oauth2(token).queryParam("taskId", "abc").when().get(runs())
                .then().statusCode(400).body("errors.taskId", notNullValue());
        given().auth().oauth2(token).queryParam("size", 0).when().get(runs())
                .then().statusCode(400).body("errors.size", notNullValue());
    }

    @Test
    void shouldShowARunningRunOverTheTimeoutAsTimedOutAtStartPlusTimeout() throws Exception {
        long run = start(task);
        Instant started = Instant.now().minus(TIMEOUT).minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        setStartedAt(run, started);
        given().auth().oauth2(token).when().get(run(run))
                .then().statusCode(200).body("status", equalTo("TIMEOUT"))
                .body("finishedAt", equalTo(started.plus(TIMEOUT).toString()));
        control().body("currentTaskId", nullValue());
    }

    /**
     * With runs of two tasks going, the one started last holds the project; when it ends, finished
     * or timed out, the project goes back to the task of the run still going (it was left with none).
     */
    @Test
    void shouldHandTheProjectBackToTheTaskOfARunStillGoingWhenTheCurrentOneEnds() throws Exception {
        long other = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, other, "IN_PROGRESS");
        long first = start(task);
        long second = start(other);
        control().body("currentTaskId", equalTo((int) other));
        finish(second, "SUCCESS").statusCode(200);
        control().body("currentTaskId", equalTo((int) task));
        finish(first, "SUCCESS").statusCode(200);
        control().body("currentTaskId", nullValue());

        // A run that does not hold the project ends: the project stays with the one that does.
        long earlier = start(task);
        long later = start(other);
        finish(earlier, "FAILURE").statusCode(200);
        control().body("currentTaskId", equalTo((int) other));
        finish(later, "SUCCESS").statusCode(200);
        control().body("currentTaskId", nullValue());

        start(task);
        long overdue = start(other);
        control().body("currentTaskId", equalTo((int) other));
        setStartedAt(overdue, Instant.now().minus(TIMEOUT).minusSeconds(60));
        control().body("currentTaskId", equalTo((int) task));
        given().auth().oauth2(token).when().get(run(overdue)).then().body("status", equalTo("TIMEOUT"));
    }

    @Test
    void shouldLetGoOfATimedOutRunsTaskInTheControlStateWithoutARunOperationFirst() throws Exception {
        long run = start(task);
        Instant started = Instant.now().minus(TIMEOUT).minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        setStartedAt(run, started);
        setControlUpdatedAt(started);
        // No run operation in between: reading the control state applies the timeout itself.
        control().body("currentTaskId", nullValue()).body("updatedAt", equalTo(started.plus(TIMEOUT).toString()));
        given().auth().oauth2(token).when().get(run(run)).then().body("status", equalTo("TIMEOUT"));

        long next = start(task);
        setStartedAt(next, Instant.now().minus(TIMEOUT).minusSeconds(60));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("paused", false, "maxAttempts", 7))
                .when().put("/api/projects/" + project + "/control")
                .then().statusCode(200).body("currentTaskId", nullValue()).body("maxAttempts", equalTo(7));
    }

    @Test
    void shouldDateTheControlStateChangeOfATimeoutAtTheMomentItTimedOutNotWhenItWasNoticed() throws Exception {
        long run = start(task);
        Instant started = Instant.now().minus(TIMEOUT).minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        setStartedAt(run, started);
        setControlUpdatedAt(started); // as the start left it
        given().auth().oauth2(token).when().get(runs()).then().statusCode(200);
        control().body("currentTaskId", nullValue()).body("updatedAt", equalTo(started.plus(TIMEOUT).toString()));

        // A change recorded after that moment (a pause, say) stays the latest.
        long next = start(task);
        Instant pausedAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        setStartedAt(next, Instant.now().minus(TIMEOUT).minusSeconds(60));
        setControlUpdatedAt(pausedAt);
        given().auth().oauth2(token).when().get(run(next)).then().body("status", equalTo("TIMEOUT"));
        control().body("currentTaskId", nullValue()).body("updatedAt", equalTo(pausedAt.toString()));
    }

    @Test
    void shouldNotLetATaskEndWhileARunOfItIsRunning() throws Exception {
        long run = start(task);
        transition("CANCELLED").statusCode(409)
                .body("detail", containsString("has a RUNNING run (id " + run + "): finish it"));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks/" + task)
                .then().body("status", equalTo("IN_PROGRESS"));
        control().body("currentTaskId", equalTo((int) task));

        finish(run, "FAILURE").statusCode(200);
        transition("CANCELLED").statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void shouldLetATaskEndWhenItsRunningRunIsPastTheTimeout() throws Exception {
        long run = start(task);
        setStartedAt(run, Instant.now().minus(TIMEOUT).minusSeconds(60));
        transition("CANCELLED").statusCode(200);
        given().auth().oauth2(token).when().get(run(run)).then().body("status", equalTo("TIMEOUT"));
        control().body("currentTaskId", nullValue());
    }

    @Test
    void shouldLeaveARunningRunJustUnderTheTimeoutRunning() throws Exception {
        long run = start(task);
        setStartedAt(run, Instant.now().minus(TIMEOUT).plusSeconds(60));
        given().auth().oauth2(token).when().get(run(run))
                .then().statusCode(200).body("status", equalTo("RUNNING")).body("finishedAt", nullValue());
        control().body("currentTaskId", equalTo((int) task));
    }

    @Test
    void shouldListOverdueRunsAsTimedOut() throws Exception {
        long overdue = start(task);
        setStartedAt(overdue, Instant.now().minus(TIMEOUT.multipliedBy(2)));
        long other = TestApi.createTask(token, project);
        long fresh = start(other);
        given().auth().oauth2(token).queryParam("status", "TIMEOUT").when().get(runs())
                .then().statusCode(200).body("items.id", equalTo(List.of((int) overdue)));
        given().auth().oauth2(token).queryParam("status", "RUNNING").when().get(runs())
                .then().statusCode(200).body("items.id", equalTo(List.of((int) fresh)));
        control().body("currentTaskId", equalTo((int) other)); // the current task was not the timed-out one
    }

    @Test
    void shouldLetATimedOutRunMakeWayForTheNextAttempt() throws Exception {
        long run = start(task);
        setStartedAt(run, Instant.now().minus(TIMEOUT.multipliedBy(3)));
        // No read in between: starting applies the timeout itself.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(201).body("attempt", equalTo(2)).body("status", equalTo("RUNNING"));
        given().auth().oauth2(token).when().get(run(run)).then().body("status", equalTo("TIMEOUT"));
    }

    @Test
    void shouldRefuseToFinishARunThatTimedOut() throws Exception {
        long run = start(task);
        setStartedAt(run, Instant.now().minus(TIMEOUT.multipliedBy(2)));
        finish(run, "SUCCESS").statusCode(409).body("detail", containsString("is TIMEOUT"));
        given().auth().oauth2(token).when().get(run(run)).then().body("status", equalTo("TIMEOUT"));
    }

    @Test
    void shouldCountATimedOutRunAsAnAttempt() throws Exception {
        setControl(false, 1);
        long run = start(task);
        setStartedAt(run, Instant.now().minus(TIMEOUT.multipliedBy(2)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post(runs())
                .then().statusCode(409).body("detail", containsString("1 of its 1 attempts"));
        // The refusal does not undo the timeout: it is a fact, whatever became of the request.
        assertEquals("TIMEOUT", statusInFile(run));
    }

    @Test
    void shouldAnswer404ForAnUnknownRun() {
        given().auth().oauth2(token).when().get(run(424242))
                .then().statusCode(404).contentType("application/problem+json");
        finish(424242, "SUCCESS").statusCode(404);
    }

    @Test
    void shouldNotFindARunOfOneProjectUnderAnother() {
        long run = start(task);
        String other = TestApi.createProject(token);
        given().auth().oauth2(token).when().get("/api/projects/" + other + "/runs/" + run)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "SUCCESS"))
                .when().post("/api/projects/" + other + "/runs/" + run + "/finish")
                .then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/projects/" + other + "/runs")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token).when().get(run(run)).then().statusCode(200).body("status", equalTo("RUNNING"));
    }

    @Test
    void shouldAnswer404ForAnUnknownProject() {
        given().auth().oauth2(token).when().get("/api/projects/00000000-0000-0000-0000-000000000000/runs")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRequireABearerToken() {
        given().when().get(runs())
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("taskId", task)).when().post(runs())
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("status", "SUCCESS")).when().post(run(1) + "/finish")
                .then().statusCode(401);
        given().auth().oauth2(token).when().get(runs()).then().body("total", equalTo(0));
    }

    private long start(long taskId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", taskId))
                .when().post(runs())
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private ValidatableResponse transition(String to) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", to))
                .when().post("/api/projects/" + project + "/tasks/" + task + "/transitions").then();
    }

    private ValidatableResponse finishWithGates(long run, String gates) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"status\":\"SUCCESS\",\"gates\":" + gates + "}")
                .when().post(run(run) + "/finish")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private ValidatableResponse finish(long run, String status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", status))
                .when().post(run(run) + "/finish").then();
    }

    private ValidatableResponse control() {
        return given().auth().oauth2(token).when().get("/api/projects/" + project + "/control").then().statusCode(200);
    }

    private void setControl(boolean paused, int maxAttempts) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("paused", paused, "maxAttempts", maxAttempts))
                .when().put("/api/projects/" + project + "/control")
                .then().statusCode(200);
    }

    /** Backdates a run in the project file itself, as if it had started then. */
    private void setStartedAt(long run, Instant startedAt) throws Exception {
        try (Connection db = DriverManager.getConnection(migrator.jdbcUrl(files.file(project)));
             PreparedStatement update = db.prepareStatement("UPDATE runs SET started_at = ? WHERE id = ?")) {
            update.setLong(1, startedAt.toEpochMilli());
            update.setLong(2, run);
            assertEquals(1, update.executeUpdate());
        }
    }

    private void setControlUpdatedAt(Instant updatedAt) throws Exception {
        try (Connection db = DriverManager.getConnection(migrator.jdbcUrl(files.file(project)));
             PreparedStatement update = db.prepareStatement("UPDATE control_state SET updated_at = ?")) {
            update.setLong(1, updatedAt.toEpochMilli());
            assertEquals(1, update.executeUpdate());
        }
    }

    private String statusInFile(long run) throws Exception {
        return runColumnInFile(run, "status");
    }

    /** A column of a run's row, read from the project file itself rather than through the API. */
    private String runColumnInFile(long run, String column) throws Exception {
        try (Connection db = DriverManager.getConnection(migrator.jdbcUrl(files.file(project)));
             PreparedStatement query = db.prepareStatement("SELECT " + column + " FROM runs WHERE id = ?")) {
            query.setLong(1, run);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private String gatesInFile(long run) throws Exception {
        return runColumnInFile(run, "gates");
    }

    private String runs() {
        return "/api/projects/" + project + "/runs";
    }

    private String run(long id) {
        return runs() + "/" + id;
    }
}
