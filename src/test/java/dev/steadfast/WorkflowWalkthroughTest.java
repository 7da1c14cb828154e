package dev.steadfast;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The README's walk-through as one client lives it: the admin signs in and creates a user, who
 * signs in, creates a project and carries a task from its first draft to COMPLETED through an
 * edit, an approval, a run and an artifact. Its {@code *IT} subclass runs it against the packaged
 * application.
 */
@QuarkusTest
public class WorkflowWalkthroughTest {

    @Test
    void aUserCarriesATaskFromDraftToCompleted() {
        given().when().get("/api/projects").then().statusCode(401).contentType("application/problem+json");

        TestApi.TestUser user = TestApi.createUser("USER");
        as(user).when().get("/api/users/me").then().statusCode(200)
                .body("username", equalTo(user.username())).body("role", equalTo("USER"));

        String project = as(user).contentType(ContentType.JSON).body(Map.of("name", "Checkout redesign"))
                .when().post("/api/projects").then().statusCode(201).extract().path("id");
        String tasks = "/api/projects/" + project + "/tasks";
        int task = as(user).contentType(ContentType.JSON)
                .body(Map.of("title", "Write the spec", "phase", "PLANNER", "content", "First draft"))
                .when().post(tasks).then().statusCode(201)
                .body("status", equalTo("PENDING")).body("version", equalTo(1))
                .extract().path("id");
        String taskPath = tasks + "/" + task;

        as(user).contentType(ContentType.JSON).body(Map.of("content", "Second draft"))
                .when().patch(taskPath).then().statusCode(200).body("version", equalTo(2));
        move(user, taskPath, "IN_PROGRESS");
        move(user, taskPath, "AWAITING_APPROVAL");
        as(user).contentType(ContentType.JSON).body(Map.of("to", "PENDING"))
                .when().post(taskPath + "/transitions").then().statusCode(409).contentType("application/problem+json");

        as(user).contentType(ContentType.JSON)
                .body(Map.of("taskId", task, "decision", "APPROVED", "comment", "ship it"))
                .when().post("/api/projects/" + project + "/approvals").then().statusCode(201)
                .body("approver", equalTo(user.username()));
        as(user).when().get(taskPath).then().statusCode(200).body("status", equalTo("APPROVED"));

        int run = as(user).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post("/api/projects/" + project + "/runs").then().statusCode(201)
                .body("status", equalTo("RUNNING")).body("attempt", equalTo(1))
                .extract().path("id");
        as(user).contentType(ContentType.JSON)
                .body(Map.of("status", "SUCCESS", "summary", "spec written", "gates", Map.of("lint", "pass")))
                .when().post("/api/projects/" + project + "/runs/" + run + "/finish").then().statusCode(200)
                .body("status", equalTo("SUCCESS"));

        int artifact = as(user).contentType("text/markdown").body("# Checkout spec")
                .queryParam("type", "SPEC").queryParam("name", "spec.md")
                .queryParam("taskId", task).queryParam("runId", run)
                .when().post("/api/projects/" + project + "/artifacts").then().statusCode(201)
                .extract().path("id");
        move(user, taskPath, "COMPLETED");

        as(user).when().get(taskPath).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("content", equalTo("Second draft"));
        as(user).when().get(taskPath + "/versions").then().statusCode(200)
                .body("items", hasSize(2)).body("items.number", equalTo(List.of(1, 2)));
        as(user).when().get(taskPath + "/versions/1").then().statusCode(200)
                .body("content", equalTo("First draft"));
        as(user).when().get("/api/projects/" + project + "/artifacts/" + artifact + "/content").then().statusCode(200)
                .contentType("text/markdown").body(equalTo("# Checkout spec"));
        as(user).when().get("/api/projects/" + project + "/runs?taskId=" + task).then().statusCode(200)
                .body("total", equalTo(1));
    }

    private static RequestSpecification as(TestApi.TestUser user) {
        return given().auth().oauth2(user.token());
    }

    private static void move(TestApi.TestUser user, String taskPath, String to) {
        as(user).contentType(ContentType.JSON).body(Map.of("to", to))
                .when().post(taskPath + "/transitions").then().statusCode(200).body("status", equalTo(to));
    }
}
