package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Creating a project's file never touches a file that is already there: the service never deletes one. */
@QuarkusTest
class ProjectFileCreationTest {

    @Inject
    ProjectFiles files;

    @Inject
    ProjectDatabases databases;

    @Test
    void shouldRefuseToCreateAFileThatExistsAndKeepItAsItWas() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        databases.close(project);
        Path file = files.file(project);
        byte[] before = Files.readAllBytes(file);

        assertThrows(IllegalStateException.class, () -> files.create(project, "again", null, "admin", Instant.now()));

        assertArrayEquals(before, Files.readAllBytes(file), "the existing file is kept byte for byte");
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
