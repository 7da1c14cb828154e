package dev.steadfast.schema;

import dev.steadfast.TestApi;
import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.project.ProjectDatabases;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SchemaAdminResourceTest {

    @Inject
    DataDirectory dataDirectory;

    @Inject
    ProjectDatabases databases;

    @Test
    void shouldReportTheCatalogAndEveryProjectFile() {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        String newestCatalog = MigrationIndex.load("catalog").newest().getVersion();
        String newestProject = MigrationIndex.load("project").newest().getVersion();
        given().auth().oauth2(admin).when().get("/api/admin/schema")
                .then().log().ifValidationFails().statusCode(200)
                .body("catalog.version", equalTo(newestCatalog))
                .body("catalog.newestKnown", equalTo(newestCatalog))
                .body("catalog.pending", empty())
                .body("catalog.state", equalTo("ok"))
                .body("projects.find { it.name == 'project " + project + "' }.version", equalTo(newestProject))
                .body("projects.find { it.name == 'project " + project + "' }.state", equalTo("ok"));
    }

    @Test
    void shouldShowPendingMigrationsAndDryRunThemWithoutChangingTheFile() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        Path file = dataDirectory.root().resolve("projects").resolve(project + ".db");
        databases.close(project);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        // The file as an older release left it: version 1.
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("filesystem:src/main/resources/db/project").target("1").load().migrate();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = db.createStatement()) { // its own row, as every project file has
            statement.executeUpdate("INSERT INTO project (id, name, created_by, created_at, updated_at) VALUES ('"
                    + project + "', 'older', 'admin', 0, 0)");
        }
        String before = sha256(file);

        given().auth().oauth2(admin).when().get("/api/admin/schema")
                .then().statusCode(200)
                .body("projects.find { it.name == 'project " + project + "' }.version", equalTo("1"))
                .body("projects.find { it.name == 'project " + project + "' }.pending", equalTo(List.of("2", "3", "4", "5", "6")))
                .body("projects.find { it.name == 'project " + project + "' }.state", equalTo("pending"));
        given().auth().oauth2(admin).when().post("/api/admin/schema/plan")
                .then().statusCode(200)
                .body("databases.find { it.name == 'project " + project + "' }.success", equalTo(true))
                .body("databases.find { it.name == 'project " + project + "' }.migrationsApplied", equalTo(5)) // V2, V3, V4, V5, V6
                .body("databases.find { it.name == 'project " + project + "' }.millis", notNullValue())
                .body("databases.find { it.name == 'catalog' }.success", equalTo(true));

        assertEquals(before, sha256(file), "a dry run changes nothing");
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().statusCode(200).body("state", equalTo("MIGRATED"));
    }

    @Test
    void shouldReportAFileThatCannotBeMigrated() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        Path file = dataDirectory.root().resolve("projects").resolve(project + ".db");
        databases.close(project);
        byte[] original = Files.readAllBytes(file);
        byte[] broken = original.clone();
        for (int i = 0; i < 100; i++) {
            broken[i] = 0x42;
        }
        Files.write(file, broken);
        try {
            given().auth().oauth2(admin).when().post("/api/admin/schema/plan")
                    .then().statusCode(200)
                    .body("databases.find { it.name == 'project " + project + "' }.success", equalTo(false))
                    .body("databases.find { it.name == 'project " + project + "' }.error", notNullValue());
            given().auth().oauth2(admin).when().get("/api/admin/schema")
                    .then().statusCode(200)
                    .body("projects.find { it.name == 'project " + project + "' }.state", equalTo("unreadable"));
        } finally {
            Files.write(file, original);
        }
    }

    @Test
    void shouldBeForAdminsOnly() {
        TestApi.TestUser user = TestApi.createUser("USER");
        given().auth().oauth2(user.token()).when().get("/api/admin/schema").then().statusCode(403);
        given().auth().oauth2(user.token()).when().post("/api/admin/schema/plan").then().statusCode(403);
        given().when().get("/api/admin/schema").then().statusCode(401);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
