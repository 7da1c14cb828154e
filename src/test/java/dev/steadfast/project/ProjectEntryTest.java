package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Entering a project is answered from memory once it has been seen ACTIVE, yet archiving, purging
 * and quarantine take effect on the very next request. Each test enters the project first.
 */
@QuarkusTest
class ProjectEntryTest {

    @Inject
    ProjectFiles files;

    @Inject
    ProjectDatabases databases;

    @Test
    void shouldAnswer410RightAfterAnEnteredProjectIsArchived() {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        tasks(admin, id, 200);
        tasks(admin, id, 200);
        given().auth().oauth2(admin).when().delete("/api/projects/" + id).then().statusCode(204);
        tasks(admin, id, 410);
        tasks(admin, id, 410);
    }

    @Test
    void shouldAnswer410RightAfterAnEnteredProjectIsPurged() {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        tasks(admin, id, 200);
        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + id).then().statusCode(204);
        tasks(admin, id, 410);
    }

    @Test
    void shouldAnswer503RightAfterAnEnteredProjectIsQuarantinedAnd200OnceRepaired() throws Exception {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        tasks(admin, id, 200);
        databases.close(id);
        Path file = files.file(id);
        byte[] original = Files.readAllBytes(file);
        byte[] broken = original.clone();
        for (int i = 0; i < 100; i++) {
            broken[i] = 0x42;
        }
        Files.write(file, broken);
        try {
            given().auth().oauth2(admin).when().post("/api/admin/projects/" + id + "/migrate")
                    .then().statusCode(503).body("state", equalTo("QUARANTINED"));
            tasks(admin, id, 503);
        } finally {
            Files.write(file, original);
        }
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + id + "/migrate").then().statusCode(200);
        tasks(admin, id, 200);
    }

    @Test
    void shouldAnswer404ForAProjectNobodyRegistered() {
        String admin = TestApi.adminToken();
        tasks(admin, UUID.randomUUID().toString(), 404);
        tasks(admin, UUID.randomUUID().toString(), 404);
    }

    private static void tasks(String token, String projectId, int status) {
        given().auth().oauth2(token).when().get("/api/projects/" + projectId + "/tasks")
                .then().log().ifValidationFails().statusCode(status);
    }
}
