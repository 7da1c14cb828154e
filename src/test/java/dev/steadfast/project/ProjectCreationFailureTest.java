package dev.steadfast.project;

import dev.steadfast.TestApi;
import dev.steadfast.datadir.DataDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A project whose file was created but could not be registered (the catalog is locked by someone
 * else) leaves neither a registry row nor a stray file behind. Runs on a data directory of its own.
 */
@QuarkusTest
@TestProfile(ProjectCreationFailureTest.LockedCatalog.class)
class ProjectCreationFailureTest {

    public static class LockedCatalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("steadfast.data-dir", TestApi.freshDataDirectory("creation-failure"),
                    "steadfast.database.busy-timeout-millis", "300");
        }
    }

    @Inject
    DataDirectory dataDirectory;

    @Test
    void shouldLeaveNoFileAndNoRegistryRowWhenRegistrationFails() throws Exception {
        String token = TestApi.adminToken();
        // Used once first: its lookup is cached, so the blocked catalog stops the registration, not the sign-in check.
        given().auth().oauth2(token).when().get("/api/users/me").then().statusCode(200);
        try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.catalogFile())) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 300");
                // An uncommitted write holds SQLite's single writer lock on the catalog.
                statement.executeUpdate("UPDATE bootstrap_state SET updated_at = updated_at");
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "doomed"))
                    .when().post("/api/projects")
                    .then().statusCode(503).contentType("application/problem+json");
            blocker.rollback();
        }
        assertEquals(0, projectFiles(), "the half-made file was removed");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.catalogFile());
             ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM projects")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "no half-registered project");
        }
        given().auth().oauth2(token).when().get("/api/projects").then().statusCode(200).body("total", equalTo(0));
    }

    private long projectFiles() throws Exception {
        Path dir = dataDirectory.root().resolve("projects");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
