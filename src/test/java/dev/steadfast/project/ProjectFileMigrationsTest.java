package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        String project = TestApi.createProject(admin);
        databases.close(project);
        long fast = migrations.upToDateCount();
        long flyway = migrations.throughFlywayCount();

        assertEquals(ProjectSchemaStates.State.MIGRATED, migrations.migrateOne(project).state());

        assertEquals(fast + 1, migrations.upToDateCount());
        assertEquals(flyway, migrations.throughFlywayCount());
    }

    @Test
    void shouldQuarantineAFileWhoseHistoryChecksumWasAlteredAsFlywayValidationDemands() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        databases.close(project);
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

    private static void execute(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
