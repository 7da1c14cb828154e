package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transaction at a time per project file, queued in the service instead of in SQLite's
 * sleeping busy handler; the turn is given back however the transaction ends, and reads outside a
 * transaction never wait.
 */
@QuarkusTest
class ProjectWriteQueueTest {

    @Inject
    ProjectWriteQueue queue;

    @Inject
    ProjectDatabases databases;

    @Inject
    GroupCommit groupCommit;

    private final ExecutorService other = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void shouldLetTheNextTransactionInOnlyWhenTheCurrentOneCommits() throws Exception {
        String project = UUID.randomUUID().toString();
        QuarkusTransaction.begin();
        queue.awaitTurn(project);
        queue.awaitTurn(project); // more connections of the same transaction: no second wait
        assertTrue(queue.busy(project));

        Future<?> next = other.submit(() -> QuarkusTransaction.requiringNew().run(() -> awaitTurn(project)));
        Thread.sleep(300);
        assertFalse(next.isDone(), "a second transaction waits while the first holds the file");

        assertTrue(other.submit(() -> awaitTurn(project)).get(2, TimeUnit.SECONDS) == null,
                "outside a transaction nothing waits");

        QuarkusTransaction.commit();
        next.get(5, TimeUnit.SECONDS);
        assertFalse(queue.busy(project), "both transactions gave their turn back");
    }

    @Test
    void shouldAnswerReadsOfTasksAndRunsWhileAWriterHoldsTheProject() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        long run = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("taskId", task))
                .when().post("/api/projects/" + project + "/runs").then().statusCode(201).extract().jsonPath().getLong("id");

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Future<?> writer = other.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            awaitTurn(project);
            holding.countDown();
            await(done);
        }));
        try {
            assertTrue(holding.await(5, TimeUnit.SECONDS));
            // Reads take no turn: they are answered now, not after the writer (or a 503 after the busy timeout).
            given().auth().oauth2(token).when().get("/api/projects/" + project + "/runs")
                    .then().statusCode(200).body("total", equalTo(1));
            given().auth().oauth2(token).when().get("/api/projects/" + project + "/runs/" + run)
                    .then().statusCode(200).body("status", equalTo("RUNNING"));
            given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks/" + task)
                    .then().statusCode(200);
            assertTrue(queue.busy(project), "the writer still held the project throughout");
        } finally {
            done.countDown();
        }
        writer.get(5, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldGiveTheTurnBackWhenATransactionRollsBack() throws Exception {
        String project = UUID.randomUUID().toString();
        QuarkusTransaction.begin();
        queue.awaitTurn(project);
        QuarkusTransaction.rollback();
        assertFalse(queue.busy(project));

        other.submit(() -> QuarkusTransaction.requiringNew().run(() -> awaitTurn(project))).get(5, TimeUnit.SECONDS);
        assertFalse(queue.busy(project));
    }

    @Test
    void shouldQueueEachProjectSeparately() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        QuarkusTransaction.begin();
        try {
            queue.awaitTurn(first);
            other.submit(() -> QuarkusTransaction.requiringNew().run(() -> awaitTurn(second))).get(5, TimeUnit.SECONDS);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void shouldRunEveryTransactionOfAProjectOnItsOneWriterConnectionAndReadsBesideIt() throws Exception {
        String project = TestApi.createProject(TestApi.adminToken());
        Callable<Object> writerOfATransaction = () -> QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = databases.writeConnection(project)) {
                return connection.unwrap(SQLiteConnection.class);
            }
        });
        Object first = other.submit(writerOfATransaction).get(5, TimeUnit.SECONDS);
        Object second = writerOfATransaction.call(); // another thread, a later transaction
        assertSame(first, second, "consecutive transactions share the writer's page cache");

        QuarkusTransaction.begin();
        try (Connection writer = databases.writeConnection(project)) {
            Object reader = other.submit(() -> {
                try (Connection connection = databases.readConnection(project)) {
                    return connection.unwrap(SQLiteConnection.class);
                }
            }).get(5, TimeUnit.SECONDS);
            assertNotSame(writer.unwrap(SQLiteConnection.class), reader, "a read never waits for the writer");
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void shouldTellWhetherTheCallerHoldsATurn() throws Exception {
        String project = UUID.randomUUID().toString();
        assertFalse(queue.awaitTurn(project), "a read outside a transaction");
        QuarkusTransaction.begin();
        try {
            assertTrue(queue.awaitTurn(project));
            assertTrue(queue.awaitTurn(project));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void shouldCommitOnTheWriterWithoutASyncAndSyncTheLogBeforeAnswering() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        QuarkusTransaction.begin();
        try (Connection writer = databases.writeConnection(project)) {
            assertEquals(1, synchronous(writer), "NORMAL: the commit appends to the log without syncing it");
        } finally {
            QuarkusTransaction.rollback();
        }
        try (Connection reader = databases.readConnection(project)) {
            assertEquals(2, synchronous(reader), "FULL, as configured, everywhere else");
        }

        long commits = groupCommit.commitCount();
        long syncs = groupCommit.syncCount();
        TestApi.createTask(token, project);
        assertTrue(groupCommit.commitCount() > commits);
        assertTrue(groupCommit.syncCount() > syncs, "the creation was answered after a sync of the project's log");
    }

    private static int synchronous(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("PRAGMA synchronous")) {
            result.next();
            return result.getInt(1);
        }
    }

    private Void awaitTurn(String project) {
        try {
            queue.awaitTurn(project);
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
