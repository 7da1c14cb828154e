package dev.steadfast.task;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
public class TaskResourceTest {

    private String token;
    private String project;

    @BeforeEach
    void newProject() {
        token = TestApi.adminToken();
        project = TestApi.createProject(token);
    }

    @Test
    void shouldCreateAPendingTaskAtVersionOne() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Plan the thing", "phase", "ARCHITECT", "content", "# Plan", "description", "why"))
                .when().post(tasks())
                .then().log().ifValidationFails().statusCode(201)
                .header("Location", containsString(tasks()))
                .body("id", notNullValue()).body("status", equalTo("PENDING")).body("version", equalTo(1))
                .body("content", equalTo("# Plan")).body("phase", equalTo("ARCHITECT")).body("createdBy", equalTo("admin"));
    }

    @Test
    void shouldAnswerAWriteWithTheSameInstantsALaterReadShows() {
        long task = TestApi.createTask(token, project);
        String written = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "v2"))
                .when().patch(tasks() + "/" + task)
                .then().statusCode(200).extract().path("updatedAt");
        // Stored as epoch milliseconds: the write's answer must not promise more precision than that.
        given().auth().oauth2(token).when().get(tasks() + "/" + task)
                .then().statusCode(200).body("updatedAt", equalTo(written));
    }

    @Test
    void shouldValidateANewTask() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("phase", "SOMEWHERE"))
                .when().post(tasks())
                .then().statusCode(400).body("errors.phase", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", "only"))
                .when().post(tasks())
                .then().statusCode(400)
                .body("errors.title", equalTo("is required")).body("errors.content", equalTo("is required"))
                .body("errors.phase", notNullValue());
        given().auth().oauth2(token).when().get(tasks()).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldListTasksInPagesAndFilterThem() {
        long first = TestApi.createTask(token, project);
        TestApi.createTask(token, project);
        TestApi.createTask(token, project);
        TestApi.moveTask(token, project, first, "IN_PROGRESS");
        given().auth().oauth2(token).queryParam("size", 2).when().get(tasks())
                .then().statusCode(200).body("items", hasSize(2)).body("total", equalTo(3)).body("items[0].id", equalTo((int) first));
        given().auth().oauth2(token).queryParam("status", "IN_PROGRESS").when().get(tasks())
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) first));
        given().auth().oauth2(token).queryParam("phase", "PLANNER").when().get(tasks())
                .then().statusCode(200).body("total", equalTo(3));
        given().auth().oauth2(token).queryParam("phase", "CODER").when().get(tasks())
                .then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        given().auth().oauth2(token).queryParam("status", "PENDING").queryParam("phase", "PLANNER").when().get(tasks())
                .then().statusCode(200).body("total", equalTo(2)).body("items[0].id", not(equalTo((int) first)));
        given().auth().oauth2(token).queryParam("status", "DONE").when().get(tasks())
                .then().statusCode(400).body("errors.status", notNullValue());
    }

    @Test
    void shouldListTasksWithTheirActiveVersionButWithoutContent() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "second draft"))
                .when().patch(task(task)).then().statusCode(200).body("version", equalTo(2));
        // Content may be a million characters: a page of 200 tasks must not carry it.
        given().auth().oauth2(token).when().get(tasks())
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo((int) task)).body("items[0].version", equalTo(2))
                .body("items[0].status", equalTo("PENDING")).body("items[0].phase", equalTo("PLANNER"))
                .body("items[0].priority", equalTo(0)).body("items[0].createdBy", equalTo("admin"))
                .body("items[0].createdAt", notNullValue()).body("items[0].updatedAt", notNullValue())
                .body("items[0]", not(hasKey("content")));
        given().auth().oauth2(token).when().get(task(task))
                .then().statusCode(200).body("version", equalTo(2)).body("content", equalTo("second draft"));
    }

    @Test
    void shouldShowOneVersionWithItsContent() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "second draft"))
                .when().patch(task(task)).then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(token).when().get(task(task) + "/versions/1")
                .then().statusCode(200).body("number", equalTo(1)).body("content", equalTo("first draft"))
                .body("author", equalTo("admin")).body("createdAt", notNullValue()).body("active", equalTo(false));
        given().auth().oauth2(token).when().get(task(task) + "/versions/2")
                .then().statusCode(200).body("number", equalTo(2)).body("content", equalTo("second draft"))
                .body("active", equalTo(true));
        given().auth().oauth2(token).when().get(task(task) + "/versions/3")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", equalTo("Task " + task + " has no version 3."));
        given().auth().oauth2(token).when().get(task(424242) + "/versions/1")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No task with id 424242 in this project."));
    }

    @Test
    void shouldTurnEveryContentEditIntoANewVersionAndRestoreOldOnes() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "second draft", "title", "Renamed"))
                .when().patch(task(task))
                .then().statusCode(200).body("version", equalTo(2)).body("content", equalTo("second draft"))
                .body("title", equalTo("Renamed"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "second draft"))
                .when().patch(task(task))
                .then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(token).when().post(task(task) + "/versions/1/restore")
                .then().statusCode(200).body("version", equalTo(3)).body("content", equalTo("first draft"));
        // Restoring it again, or the version it copied, makes no fourth version: the content is already theirs.
        given().auth().oauth2(token).when().post(task(task) + "/versions/1/restore")
                .then().statusCode(200).body("version", equalTo(3));
        given().auth().oauth2(token).when().post(task(task) + "/versions/3/restore")
                .then().statusCode(200).body("version", equalTo(3));
        given().auth().oauth2(token).when().get(task(task) + "/versions")
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.number", equalTo(java.util.List.of(1, 2, 3)))
                .body("items.active", equalTo(java.util.List.of(false, false, true)))
                .body("items.author", everyItem(equalTo("admin"))).body("items.createdAt", everyItem(notNullValue()))
                .body("items", everyItem(not(hasKey("content"))));
        given().auth().oauth2(token).when().post(task(task) + "/versions/9/restore")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldTakeAnEmptyDescriptionAsNoneSoClearingANeverSetOneChangesNothing() {
        long task = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "t", "phase", "PLANNER", "content", "c", "description", ""))
                .when().post(tasks()).then().statusCode(201).body("description", nullValue())
                .extract().jsonPath().getLong("id");
        String before = given().auth().oauth2(token).when().get(task(task)).then().extract().path("updatedAt");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", ""))
                .when().patch(task(task)).then().statusCode(200).body("description", nullValue()).body("updatedAt", equalTo(before));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", "set"))
                .when().patch(task(task)).then().statusCode(200).body("description", equalTo("set"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", ""))
                .when().patch(task(task)).then().statusCode(200).body("description", nullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("description", ""))
                .when().patch("/api/projects/" + project).then().statusCode(200).body("description", nullValue());
    }

    @Test
    void shouldFreezeTheContentWhileItIsUnderApprovalAndReopenItOnRejection() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "second draft"))
                .when().patch(task(task)).then().statusCode(200).body("version", equalTo(2));
        TestApi.moveTask(token, project, task, "IN_PROGRESS", "AWAITING_APPROVAL");
        for (String status : java.util.List.of("AWAITING_APPROVAL", "APPROVED")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "slipped in", "title", "Also"))
                    .when().patch(task(task))
                    .then().statusCode(409).contentType("application/problem+json");
            given().auth().oauth2(token).when().post(task(task) + "/versions/1/restore").then().statusCode(409);
            // Restoring the content it already has changes nothing, so nothing is refused.
            given().auth().oauth2(token).when().post(task(task) + "/versions/2/restore")
                    .then().statusCode(200).body("version", equalTo(2));
            given().auth().oauth2(token).when().get(task(task))
                    .then().statusCode(200).body("status", equalTo(status)).body("version", equalTo(2))
                    .body("content", equalTo("second draft")).body("title", not(equalTo("Also")));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("priority", 5))
                    .when().patch(task(task)).then().statusCode(200); // what is not under approval may change
            if (status.equals("AWAITING_APPROVAL")) {
                TestApi.moveTask(token, project, task, "APPROVED");
            }
        }

        long rejected = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, rejected, "IN_PROGRESS", "AWAITING_APPROVAL", "REJECTED", "IN_PROGRESS");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "reworked"))
                .when().patch(task(rejected)).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void shouldFollowTheStatusMachine() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", "COMPLETED"))
                .when().post(task(task) + "/transitions")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("allowed: IN_PROGRESS, CANCELLED"));
        // A decision is a move too: one the machine does not allow names the allowed ones like any other.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", "APPROVED"))
                .when().post(task(task) + "/transitions")
                .then().statusCode(409).body("detail", containsString("Allowed: IN_PROGRESS, CANCELLED"));
        TestApi.moveTask(token, project, task, "IN_PROGRESS", "AWAITING_APPROVAL", "REJECTED", "IN_PROGRESS",
                "AWAITING_APPROVAL", "APPROVED", "COMPLETED");
        given().auth().oauth2(token).when().get(task(task)).then().body("status", equalTo("COMPLETED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", "CANCELLED"))
                .when().post(task(task) + "/transitions")
                .then().statusCode(409).body("detail", containsString("COMPLETED is final"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("content", "too late"))
                .when().patch(task(task)).then().statusCode(409);
    }

    @Test
    void shouldRecordADecisionMadeByTransitionAsAnApproval() {
        long task = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, task, "IN_PROGRESS", "AWAITING_APPROVAL", "APPROVED");
        given().auth().oauth2(token).queryParam("taskId", task).when().get("/api/projects/" + project + "/approvals")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].decision", equalTo("APPROVED")).body("items[0].approver", equalTo("admin"));
    }

    @Test
    void shouldCancelAnyNonTerminalTask() {
        long task = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, task, "IN_PROGRESS", "CANCELLED");
        given().auth().oauth2(token).when().get(task(task)).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void shouldDeleteOnlyPendingTasks() {
        long pending = TestApi.createTask(token, project);
        long started = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, started, "IN_PROGRESS");
        given().auth().oauth2(token).when().delete(task(started)).then().statusCode(409)
                .body("detail", equalTo("Task " + started + " is IN_PROGRESS; only PENDING tasks can be deleted. "
                        + "Move it to CANCELLED instead."));
        given().auth().oauth2(token).when().delete(task(pending)).then().statusCode(204);
        given().auth().oauth2(token).when().get(task(pending)).then().statusCode(404);
        given().auth().oauth2(token).when().get(task(started)).then().statusCode(200);
        // A task already CANCELLED is not told to move to CANCELLED.
        TestApi.moveTask(token, project, started, "CANCELLED");
        given().auth().oauth2(token).when().delete(task(started)).then().statusCode(409)
                .body("detail", equalTo("Task " + started + " is CANCELLED; only PENDING tasks can be deleted."));
    }

    @Test
    void shouldNameWhatRefersToAPendingTaskInsteadOfDeletingIt() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task, "title", "Tighten the plan"))
                .when().post("/api/projects/" + project + "/change-requests").then().statusCode(201);
        given().auth().oauth2(token).when().delete(task(task))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Task " + task + " is referred to by 1 change request; deleting it would break "
                        + "that history. Move it to CANCELLED instead."));
        given().auth().oauth2(token).when().get(task(task)).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void shouldAnswer404ForAnUnknownTask() {
        given().auth().oauth2(token).when().get(task(424242)).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", "IN_PROGRESS"))
                .when().post(task(424242) + "/transitions").then().statusCode(404);
        given().auth().oauth2(token).when().get(task(424242) + "/versions").then().statusCode(404);
    }

    @Test
    void shouldRequireATransitionTarget() {
        long task = TestApi.createTask(token, project);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .when().post(task(task) + "/transitions").then().statusCode(400).body("errors.to", equalTo("is required"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", "SIDEWAYS"))
                .when().post(task(task) + "/transitions").then().statusCode(400);
    }

    @Test
    void shouldRefuseAnEnumOrdinalOrIndexStringAsTransitionTarget() {
        long task = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, task, "IN_PROGRESS");
        // Ordinal 2 would be BLOCKED (allowed from IN_PROGRESS) and ordinal 4 APPROVED: neither may slip through.
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\":\"2\"}")
                .when().post(task(task) + "/transitions")
                .then().statusCode(400).contentType("application/problem+json").body("errors.to", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\":2}")
                .when().post(task(task) + "/transitions")
                .then().statusCode(400).contentType("application/problem+json").body("errors.to", notNullValue());
        TestApi.moveTask(token, project, task, "AWAITING_APPROVAL");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\":4}")
                .when().post(task(task) + "/transitions")
                .then().statusCode(400).contentType("application/problem+json").body("errors.to", notNullValue());
        given().auth().oauth2(token).when().get(task(task)).then().body("status", equalTo("AWAITING_APPROVAL"));
    }

    @Test
    void shouldRefuseATitleThatIsUnicodeBlankInvisibleOrHasControlCharacters() {
        long task = TestApi.createTask(token, project);
        String title = given().auth().oauth2(token).when().get(task(task)).then().extract().path("title");
        for (String bad : java.util.List.of("\u3000", "\u2003\u00a0", "\u0000x", "x\u001f", "two\nlines", "\u0085x",
                "\u200B", "\u2060\uFEFF\u200D", "\u3164", "\u034F", "\uFE0F", "\u2800", "\uDB40\uDD00")) { // the last seven show nothing
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("title", bad, "phase", "PLANNER", "content", "c"))
                    .when().post(tasks())
                    .then().statusCode(400).contentType("application/problem+json").body("errors.title", notNullValue());
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", bad))
                    .when().patch(task(task))
                    .then().statusCode(400).contentType("application/problem+json").body("errors.title", notNullValue());
        }
        given().auth().oauth2(token).when().get(tasks()).then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(token).when().get(task(task)).then().body("title", equalTo(title));
        // Content and description are free text: several lines are fine there.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", " Ünïcödé 名前 ", "phase", "PLANNER", "content", "a\nb", "description", "c\nd"))
                .when().post(tasks())
                .then().statusCode(201).body("title", equalTo("Ünïcödé 名前"));
    }

    private String tasks() {
        return "/api/projects/" + project + "/tasks";
    }

    private String task(long id) {
        return tasks() + "/" + id;
    }
}
