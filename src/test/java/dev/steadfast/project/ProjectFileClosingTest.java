package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Closing a project's file (archive, purge, quarantine, a migration retry) never pulls a connection
 * from under a request that is using it, and a file held closed is not reopened behind the back of
 * the work that holds it.
 */
@QuarkusTest
class ProjectFileClosingTest {

    @Inject
    ProjectDatabases databases;

    @Test
    void shouldLetTheRequestUsingAFileFinishBeforeClosingIt() throws Exception {
        String project = TestApi.createProject(TestApi.adminToken());
        CompletableFuture<Void> closing;
        try (Connection inUse = databases.readConnection(project)) {
            closing = CompletableFuture.runAsync(() -> databases.close(project));
            Thread.sleep(300);
            assertFalse(closing.isDone(), "close() waits while a connection of the file is in use");
            try (Statement statement = inUse.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) FROM project")) {
                row.next();
                assertEquals(1, row.getInt(1), "the connection in use still works");
            }
        }
        closing.get(5, TimeUnit.SECONDS);
        assertFalse(databases.isOpen(project));
    }

    @Test
    void shouldAnswerBusyForAFileHeldClosedAndServeItAgainOnceReleased() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/control").then().statusCode(200);

        try (ProjectDatabases.Hold closed = databases.hold(project)) {
            assertFalse(databases.isOpen(project));
            SQLiteException busy = assertThrows(SQLiteException.class, () -> databases.readConnection(project));
            assertEquals(SQLiteErrorCode.SQLITE_BUSY, busy.getResultCode());
            given().auth().oauth2(token).when().get("/api/projects/" + project + "/control")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("/problems/busy"));
            assertFalse(databases.isOpen(project), "a request did not reopen the held file");
        }
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/control").then().statusCode(200);
    }
}
