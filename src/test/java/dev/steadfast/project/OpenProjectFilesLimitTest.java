package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand projects must not mean ten thousand open files: at most
 * {@code steadfast.projects.max-open} project files are open (8 in tests), the least recently used
 * is closed to make room, and a closed project reopens on its next request with its data intact.
 */
@QuarkusTest
class OpenProjectFilesLimitTest {

    @Inject
    ProjectDatabases databases;

    @ConfigProperty(name = "steadfast.projects.max-open")
    int maxOpen;

    @Test
    void shouldKeepAtMostMaxOpenProjectFilesOpenClosingTheLeastRecentlyUsed() {
        String token = TestApi.adminToken();
        List<String> projects = IntStream.range(0, maxOpen + 2).mapToObj(i -> TestApi.createProject(token)).toList();
        for (int i = 0; i < projects.size(); i++) {
            setMaxAttempts(token, projects.get(i), i + 1);
            assertTrue(databases.openCount() <= maxOpen, "open project files: " + databases.openCount());
        }
        assertEquals(maxOpen, databases.openCount());
        assertFalse(databases.isOpen(projects.get(0)), "the least recently used file is closed");
        assertFalse(databases.isOpen(projects.get(1)));
        assertTrue(databases.isOpen(projects.get(projects.size() - 1)));

        // The closed project reopens on demand, as it was; the next least recently used one makes room.
        given().auth().oauth2(token).when().get("/api/projects/" + projects.get(0) + "/control")
                .then().statusCode(200).body("maxAttempts", equalTo(1));
        assertTrue(databases.isOpen(projects.get(0)));
        assertFalse(databases.isOpen(projects.get(2)));
        assertEquals(maxOpen, databases.openCount());
    }

    private static void setMaxAttempts(String token, String projectId, int maxAttempts) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("paused", false, "maxAttempts", maxAttempts))
                .when().put("/api/projects/" + projectId + "/control")
                .then().statusCode(200).body("maxAttempts", equalTo(maxAttempts));
    }
}
