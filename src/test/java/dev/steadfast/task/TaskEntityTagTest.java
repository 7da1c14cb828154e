package dev.steadfast.task;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Two people editing one task: each change can name, in If-Match, the state of the task it was
 * based on, and a change based on a state that is no longer current is refused with 412 and
 * changes nothing, instead of silently overwriting the other person's change.
 */
@QuarkusTest
class TaskEntityTagTest {

    private String token;
    private String project;
    private long task;

    @BeforeEach
    void aTask() {
        token = TestApi.adminToken();
        project = TestApi.createProject(token);
        task = TestApi.createTask(token, project);
    }

    @Test
    void shouldTagEachStateOfATaskAndAnswer304WhileItIsUnchanged() {
        String read = tagOfGet();
        given().auth().oauth2(token).header("If-None-Match", read).when().get(taskUrl())
                .then().statusCode(304).header("ETag", read).body(equalTo(""));

        String written = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "Renamed"))
                .when().patch(taskUrl()).then().statusCode(200).extract().header("ETag");

        assertNotEquals(read, written, "a change is a new state");
        assertEquals(written, tagOfGet(), "the write's tag is the one a later read gives");
        given().auth().oauth2(token).header("If-None-Match", read).when().get(taskUrl())
                .then().statusCode(200).body("title", equalTo("Renamed"));
    }

    @Test
    void shouldRefuseAnEditBasedOnAStateSomeoneElseChangedAndKeepTheirs() {
        String both = tagOfGet(); // Ann and Bob read the task
        String annsResult = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", both)
                .body(Map.of("title", "Ann's title", "content", "Ann's content"))
                .when().patch(taskUrl()).then().statusCode(200).extract().header("ETag");

        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", both)
                .body(Map.of("title", "Bob's title", "content", "Bob's content"))
                .when().patch(taskUrl())
                .then().statusCode(412).contentType("application/problem+json")
                .header("ETag", annsResult)
                .body("type", equalTo("/problems/precondition-failed"))
                .body("detail", containsString(annsResult));

        given().auth().oauth2(token).when().get(taskUrl()).then().statusCode(200)
                .body("title", equalTo("Ann's title")).body("content", equalTo("Ann's content")).body("version", equalTo(2));
        given().auth().oauth2(token).when().get(taskUrl() + "/versions").then().body("total", equalTo(2));
    }

    @Test
    void shouldRefuseEveryKindOfChangeBasedOnAStaleStateAndChangeNothing() {
        String stale = tagOfGet();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("priority", 5))
                .when().patch(taskUrl()).then().statusCode(200);
        String current = tagOfGet();

        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", stale)
                .body(Map.of("to", "IN_PROGRESS")).when().post(taskUrl() + "/transitions").then().statusCode(412);
        given().auth().oauth2(token).header("If-Match", stale)
                .when().post(taskUrl() + "/versions/1/restore").then().statusCode(412);
        given().auth().oauth2(token).header("If-Match", stale).when().delete(taskUrl()).then().statusCode(412);
        assertEquals(current, tagOfGet(), "none of them changed the task");

        // A decision through the transitions endpoint is checked too, and records no approval.
        TestApi.moveTask(token, project, task, "IN_PROGRESS", "AWAITING_APPROVAL");
        String awaiting = tagOfGet();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("priority", 6))
                .when().patch(taskUrl()).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", awaiting)
                .body(Map.of("to", "APPROVED")).when().post(taskUrl() + "/transitions").then().statusCode(412);
        given().auth().oauth2(token).when().get(taskUrl()).then().body("status", equalTo("AWAITING_APPROVAL"));
        given().auth().oauth2(token).queryParam("taskId", task).when().get("/api/projects/" + project + "/approvals")
                .then().statusCode(200).body("total", equalTo(0));
        String decided = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", tagOfGet())
                .body(Map.of("to", "APPROVED")).when().post(taskUrl() + "/transitions")
                .then().statusCode(200).body("status", equalTo("APPROVED")).extract().header("ETag");
        assertEquals(decided, tagOfGet(), "the decision's answer is the state it left");
    }

    @Test
    void shouldLetAChangeThroughOnlyForTheCurrentStrongTagOrAStar() {
        String current = tagOfGet();
        String bare = current.substring(1, current.length() - 1);
        for (String notIt : new String[]{bare, "W/" + current, "\"other\"", "", " "}) { // an empty value is no tag
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", notIt)
                    .body(Map.of("title", "not applied")).when().patch(taskUrl()).then().statusCode(412);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"other\"").header("If-Match", current)
                .body(Map.of("title", "applied")).when().patch(taskUrl()).then().statusCode(200); // a list over two lines
        current = tagOfGet();
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("to", "IN_PROGRESS")).when().post(taskUrl() + "/transitions")
                .then().statusCode(200).header("ETag", not(equalTo(current)));
        given().auth().oauth2(token).when().get(taskUrl()).then().body("title", equalTo("applied"));
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentEditsOfOneStateThrough() throws Exception {
        String read = tagOfGet();
        int editors = 8;
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < editors; i++) {
                String title = "edit " + i;
                answers.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .header("If-Match", read).body(Map.of("title", title, "content", title))
                        .when().patch(taskUrl()).then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(editors - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(token).when().get(taskUrl() + "/versions").then().body("total", equalTo(2));
    }

    @Test
    void shouldRefuseAChangeToAStateItsIfNoneMatchNamesAndApplyItOtherwise() {
        String current = tagOfGet();
        for (String names : new String[]{"*", current, "W/" + current, "\"other\", " + current}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-None-Match", names)
                    .body(Map.of("title", "not applied")).when().patch(taskUrl())
                    .then().statusCode(412).body("type", equalTo("/problems/precondition-failed")).header("ETag", current);
            given().auth().oauth2(token).contentType(ContentType.JSON).header("If-None-Match", names)
                    .body(Map.of("to", "IN_PROGRESS")).when().post(taskUrl() + "/transitions").then().statusCode(412);
            given().auth().oauth2(token).header("If-None-Match", names).when().post(taskUrl() + "/versions/1/restore")
                    .then().statusCode(412);
            given().auth().oauth2(token).header("If-None-Match", names).when().delete(taskUrl()).then().statusCode(412);
        }
        assertEquals(current, tagOfGet(), "nothing changed");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-None-Match", "\"other\"")
                .body(Map.of("title", "applied")).when().patch(taskUrl()).then().statusCode(200).body("title", equalTo("applied"));
    }

    @Test
    void shouldAnswerAReadWhoseIfMatchNamesNoCurrentStateWith412LikeAnArtifactsContent() {
        String read = tagOfGet();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "Renamed"))
                .when().patch(taskUrl()).then().statusCode(200);
        String current = tagOfGet();
        // RFC 9110 §13.1.1: a server evaluates If-Match on a GET too; no current state matches a stale tag,
        // nor a weak one (compared strongly), whatever If-None-Match says (If-Match goes first).
        for (String stale : List.of(read, "W/" + current)) {
            given().auth().oauth2(token).header("If-Match", stale).header("If-None-Match", current).when().get(taskUrl())
                    .then().statusCode(412).contentType("application/problem+json").header("ETag", current)
                    .body("type", equalTo("/problems/precondition-failed")).body("detail", containsString(current));
        }
        for (String matching : List.of(current, "\"other\", " + current, "*")) {
            given().auth().oauth2(token).header("If-Match", matching).when().get(taskUrl())
                    .then().statusCode(200).header("ETag", current).body("title", equalTo("Renamed"));
        }
        given().auth().oauth2(token).header("If-Match", current).header("If-None-Match", current).when().get(taskUrl())
                .then().statusCode(304).header("ETag", current);
    }

    private String tagOfGet() {
        return given().auth().oauth2(token).when().get(taskUrl()).then().statusCode(200).extract().header("ETag");
    }

    private String taskUrl() {
        return "/api/projects/" + project + "/tasks/" + task;
    }
}
