package dev.steadfast.project;

import dev.steadfast.TestApi;
import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.schema.ProjectMigrator;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A purge moves the project's file to archive/ and then records it in the catalog. When the catalog
 * write fails (here: another connection takes the catalog's write lock just after the move and holds
 * it past the busy timeout), nothing is lost and the project is never left ACTIVE without its file.
 */
@QuarkusTest
class ProjectPurgeFailureTest {

    @Inject
    DataDirectory dataDirectory;

    @Inject
    ProjectFiles files;

    @Inject
    ProjectMigrator migrator;

    @Inject
    ProjectFileMigrations migrations;

    @Test
    void shouldPutTheFileBackAndKeepServingWhenThePurgeCannotBeRecorded() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        long task = TestApi.createTask(admin, project);
        LocksCatalogAfterMove lockingFiles = new LocksCatalogAfterMove(dataDirectory, migrator);
        QuarkusMock.installMockForType(lockingFiles, ProjectFiles.class);

        try (lockingFiles) {
            given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + project)
                    .then().statusCode(503);
            assertTrue(lockingFiles.moved, "the file was moved to archive/ before the catalog refused the purge");
            assertTrue(Files.exists(files.file(project)), "the file is back where it serves");
        }

        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task).then().statusCode(200);
        assertEquals(List.of(), files.archivedFiles(project), "nothing of it left in archive/");
    }

    @Test
    void shouldQuarantineTheProjectWithTheWayOutWhenItsFileCannotBeMovedBack() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        long task = TestApi.createTask(admin, project);
        StuckInArchive stuckFiles = new StuckInArchive(dataDirectory, migrator);
        QuarkusMock.installMockForType(stuckFiles, ProjectFiles.class);

        try (stuckFiles) {
            given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + project)
                    .then().statusCode(503);
            assertTrue(stuckFiles.moved, "the file was moved to archive/ before the catalog refused the purge");
        }

        assertFalse(Files.exists(files.file(project)));
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task)
                .then().statusCode(503); // not a 500 from a project that is ACTIVE with no file
        given().auth().oauth2(admin).when().get("/api/admin/schema").then().statusCode(200)
                .body("projects.find { it.name == 'project " + project + "' }.state", equalTo("quarantined"))
                .body("projects.find { it.name == 'project " + project + "' }.reason", containsString("move it to " + files.file(project)));

        // After a restart the reason is gone from memory; the boot's check of the file finds the way out again.
        Path archived = files.archivedFiles(project).get(0);
        ProjectSchemaStates.Entry rebooted = migrations.migrateOne(project);
        assertEquals(ProjectSchemaStates.State.QUARANTINED, rebooted.state());
        assertTrue(rebooted.reason().contains(archived + " is its file from a purge that could not be recorded"),
                rebooted.reason());

        // The operator does what the reason says.
        Files.move(archived, files.file(project));
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().statusCode(200).body("state", equalTo("MIGRATED"));
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task).then().statusCode(200);
    }

    /**
     * Project files whose move to archive/ is followed by another connection taking the catalog's
     * write lock, as another writer would, until closed: the purge then cannot record itself.
     */
    static class LocksCatalogAfterMove extends ProjectFiles implements AutoCloseable {
        private final DataDirectory dataDirectory;
        private Connection lock;
        volatile boolean moved;

        LocksCatalogAfterMove(DataDirectory dataDirectory, ProjectMigrator migrator) {
            super(dataDirectory, migrator);
            this.dataDirectory = dataDirectory;
        }

        @Override
        public java.util.Optional<Path> moveToArchive(String projectId) {
            java.util.Optional<Path> archived = super.moveToArchive(projectId);
            moved = archived.isPresent();
            try {
                lock = DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.catalogFile());
                try (Statement statement = lock.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return archived;
        }

        @Override
        public void close() throws Exception {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** ... whose way back from archive/ is blocked as well (a full disk, a changed mount). */
    static final class StuckInArchive extends LocksCatalogAfterMove {
        StuckInArchive(DataDirectory dataDirectory, ProjectMigrator migrator) {
            super(dataDirectory, migrator);
        }

        @Override
        public void moveBackFromArchive(String projectId, Path archived) {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }
    }
}
