package dev.steadfast.project;

import dev.steadfast.TestApi;
import dev.steadfast.datadir.UnwritableFile;
import dev.steadfast.schema.ErrorThrowingProjectMigrator;
import dev.steadfast.schema.ProjectMigrator;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checking a project file (boot, admin retry): up-to-date files skip Flyway, the rest meet its validation. */
@QuarkusTest
class ProjectFileMigrationsTest {

    @Inject
    ProjectFileMigrations migrations;

    @Inject
    ProjectFiles files;

    @Inject
    ProjectDatabases databases;

    @Test
    void shouldTakeTheFastPathForAnUpToDateFile() {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        long fast = migrations.upToDateCount();
        long flyway = migrations.throughFlywayCount();

        assertEquals(ProjectSchemaStates.State.MIGRATED, migrations.migrateOne(project).state());

        assertEquals(fast + 1, migrations.upToDateCount());
        assertEquals(flyway, migrations.throughFlywayCount());
    }

    @Test
    void shouldQuarantineAFileWhoseHistoryChecksumWasAlteredAsFlywayValidationDemands() throws Exception {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        Path file = files.file(project);
        execute(file, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        long flyway = migrations.throughFlywayCount();

        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().log().ifValidationFails().statusCode(503)
                .body("state", equalTo("QUARANTINED")).body("reason", containsStringIgnoringCase("checksum"));
        assertEquals(flyway + 1, migrations.throughFlywayCount());
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks").then().statusCode(503);

        execute(file, "UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '1'");
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().statusCode(200).body("state", equalTo("MIGRATED"));
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks").then().statusCode(200);
    }

    @Test
    void shouldQuarantineAnEmptyFileInsteadOfMigratingItIntoAnEmptyProject() throws Exception {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        Path file = files.file(project);
        Files.write(file, new byte[0]); // e.g. a failed copy during a restore

        ProjectSchemaStates.Entry entry = migrations.migrateOne(project);

        assertEquals(ProjectSchemaStates.State.QUARANTINED, entry.state());
        assertTrue(entry.reason().contains("no project row"), entry.reason());
        assertEquals(0, Files.size(file), "the file was left as it was");
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks").then().statusCode(503);
    }

    @Test
    void shouldQuarantineAnotherProjectsFileRestoredUnderThisProjectsName() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        String other = TestApi.createProject(admin);
        databases.close(project);
        databases.close(other);
        Files.copy(files.file(other), files.file(project), StandardCopyOption.REPLACE_EXISTING);

        ProjectSchemaStates.Entry entry = migrations.migrateOne(project);

        assertEquals(ProjectSchemaStates.State.QUARANTINED, entry.state());
        assertTrue(entry.reason().contains("file of project " + other), entry.reason());
        assertEquals(ProjectSchemaStates.State.MIGRATED, migrations.migrateOne(other).state());
    }

    @Test
    void shouldQuarantineAFileTheServiceCannotWriteInsteadOfServingItReadOnly() throws Exception {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        Path file = files.file(project);

        try (var unwritable = UnwritableFile.make(file)) {
            given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                    .then().log().ifValidationFails().statusCode(503).body("state", equalTo("QUARANTINED"))
                    .body("reason", containsString(file + " is not writable by the service user"));
            given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks").then().statusCode(503);
        }
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().statusCode(200).body("state", equalTo("MIGRATED"));
        TestApi.createTask(admin, project);
    }

    @Test
    void shouldQuarantineAFileWhoseSideFileARunOnTheReadOnlyFileLeftUnwritable() throws Exception {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        // SQLite creates -wal and -shm with the database file's mode: a read-only file leaves read-only ones.
        Path shm = Files.createFile(Path.of(files.file(project) + "-shm"));

        try (var unwritable = UnwritableFile.make(shm)) {
            ProjectSchemaStates.Entry entry = migrations.migrateOne(project);

            assertEquals(ProjectSchemaStates.State.QUARANTINED, entry.state());
            assertTrue(entry.reason().contains(shm + " is not writable by the service user")
                    && entry.reason().contains("/api/admin/projects/" + project + "/migrate"), entry.reason());
        }
        assertEquals(ProjectSchemaStates.State.MIGRATED, migrations.migrateOne(project).state());
        TestApi.createTask(admin, project);
    }

    @Test
    void shouldQuarantineAFileWhoseCheckFailsWithAnErrorInsteadOfLeavingItPending() {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        QuarkusMock.installMockForType(ErrorThrowingProjectMigrator.failingOn(project), ProjectMigrator.class);

        ProjectSchemaStates.Entry entry = migrations.migrateOne(project);

        assertEquals(ProjectSchemaStates.State.QUARANTINED, entry.state());
        assertTrue(entry.reason().contains("simulated"), entry.reason());
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks").then().statusCode(503);
    }

    @Test
    void shouldSayThatTheProcessNotTheFileFailedWhenACheckRunsOutOfMemory() {
        String admin = TestApi.adminToken();
        String project = closedProject(admin);
        QuarkusMock.installMockForType(ErrorThrowingProjectMigrator.failingOn(project, OutOfMemoryError::new),
                ProjectMigrator.class);

        ProjectSchemaStates.Entry entry = migrations.migrateOne(project);

        assertEquals(ProjectSchemaStates.State.QUARANTINED, entry.state());
        assertTrue(entry.reason().contains("ran out of memory") && entry.reason().contains("may be sound")
                && entry.reason().contains("/api/admin/projects/" + project + "/migrate"), entry.reason());
    }

    @Test
    void shouldCountRowIdsFromTheFileAnOperatorPutBackAfterARetry() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        long first = TestApi.createTask(admin, project); // the service now counts this file's task ids
        databases.close(project);
        // The operator puts back a copy of the file that holds a task the running service never saw.
        execute(files.file(project), "INSERT INTO tasks (id, title, phase, status, created_by, created_at, updated_at) "
                + "VALUES (" + (first + 1) + ", 'from the restored copy', 'PLANNER', 'PENDING', 'admin', 0, 0)");

        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().statusCode(200).body("state", equalTo("MIGRATED"));

        long next = TestApi.createTask(admin, project);
        assertEquals(first + 2, next, "ids continue after the restored file's highest");
    }

    /** A new project whose file is closed, so a test can change it as an operator would. */
    private String closedProject(String admin) {
        String project = TestApi.createProject(admin);
        databases.close(project);
        return project;
    }

    private static void execute(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
