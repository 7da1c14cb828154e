package dev.steadfast.project;

import dev.steadfast.TestApi;
import dev.steadfast.auth.Caller;
import dev.steadfast.task.CreateTaskRequest;
import dev.steadfast.task.TaskPhase;
import dev.steadfast.task.TaskService;
import dev.steadfast.task.TaskView;
import dev.steadfast.user.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row ids of project files come from the service, so a transaction's INSERTs wait for its commit
 * and the project's write turn is held for the statements and the commit only.
 */
@QuarkusTest
class ProjectRowIdsTest {

    private static final Caller ADMIN = new Caller(1, "admin", Role.ADMIN, 0);

    @Inject
    ProjectContext context;

    @Inject
    TaskService tasks;

    @Inject
    ProjectWriteQueue queue;

    @Inject
    ProjectRowIds rowIds;

    @Test
    void shouldCreateATaskWithoutTakingTheProjectsTurnBeforeTheCommit() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        context.enter(project);

        QuarkusTransaction.begin();
        TaskView created = tasks.create(
                new CreateTaskRequest("Written at commit", TaskPhase.PLANNER, "v1", null, null), ADMIN);
        assertFalse(queue.busy(project), "persisting a task and its first version touches no project connection");
        QuarkusTransaction.commit();
        assertFalse(queue.busy(project));

        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks/" + created.id())
                .then().statusCode(200)
                .body("title", equalTo("Written at commit"))
                .body("version", equalTo(1))
                .body("content", equalTo("v1"));
    }

    @Test
    void shouldContinueFromTheHighestIdInTheFileWhenCountingStartsAfresh() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        TestApi.createTask(token, project);
        long second = TestApi.createTask(token, project);

        rowIds.forget(project); // as after a restart: the count is read from the file again
        assertEquals(second + 1, TestApi.createTask(token, project));
    }

    @Test
    void shouldNeverGiveTheIdOfADeletedTaskOrChangeRequestAgainEvenAfterARestart() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long first = TestApi.createTask(token, project);
        long newest = TestApi.createTask(token, project); // PENDING: it may be deleted
        String crs = "/api/projects/" + project + "/change-requests";
        long draft = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", first, "title", "d"))
                .when().post(crs).then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(token).when().delete("/api/projects/" + project + "/tasks/" + newest).then().statusCode(204);
        given().auth().oauth2(token).when().delete(crs + "/" + draft).then().statusCode(204);

        rowIds.forget(project); // as after a restart: the count is read from the file again
        long next = TestApi.createTask(token, project);
        assertTrue(next > newest, "task " + newest + " was deleted; the next task got " + next);
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks/" + newest).then().statusCode(404);
        long nextDraft = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", first, "title", "d"))
                .when().post(crs).then().statusCode(201).extract().jsonPath().getLong("id");
        assertTrue(nextDraft > draft, "change request " + draft + " was deleted; the next got " + nextDraft);
    }

    @Test
    void shouldGiveConcurrentCreationsDistinctIdsThatAllLand() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                created.add(clients.submit(() -> TestApi.createTask(token, project)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> id : created) {
                ids.add(id.get(30, TimeUnit.SECONDS));
            }
            assertEquals(40, ids.size(), "every creation got its own id");
            for (long id : ids) {
                given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks/" + id)
                        .then().statusCode(200).body("id", equalTo((int) id)).body("version", equalTo(1));
            }
            given().auth().oauth2(token).queryParam("size", 100).when().get("/api/projects/" + project + "/tasks")
                    .then().statusCode(200).body("total", equalTo(40));
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
