package dev.steadfast;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Shortcuts for @QuarkusTest classes: tokens and users with names no other test uses. */
public final class TestApi {

    public static final String ADMIN = "admin";
    /** Configured for the test profile in application.properties. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestApi() {
    }

    public record TestUser(long id, String username, String password, String token) {
    }

    public static String adminToken() {
        return token(ADMIN, ADMIN_PASSWORD);
    }

    public static String token(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/api/auth/tokens")
                .then().statusCode(201)
                .extract().path("token");
    }

    /**
     * A data directory no other test uses, for a test profile that boots the service on its own data:
     * under target/ (deleted with the build), not in /tmp.
     */
    public static String freshDataDirectory(String name) {
        return "target/test-data/" + name + "-" + UUID.randomUUID();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user through the API (as admin) and signs it in. */
    public static TestUser createUser(String role) {
        String username = uniqueName(role.toLowerCase());
        String password = "pw-" + UUID.randomUUID();
        Number id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "role", role))
                .when().post("/api/users")
                .then().statusCode(201)
                .extract().path("id");
        return new TestUser(id.longValue(), username, password, token(username, password));
    }

    /** Creates a project (as the given caller) and returns its id. */
    public static String createProject(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", uniqueName("project")))
                .when().post("/api/projects")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Creates a PENDING task in a project and returns its id. */
    public static long createTask(String token, String projectId) {
        Number id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Task " + UUID.randomUUID(), "phase", "PLANNER", "content", "first draft"))
                .when().post("/api/projects/" + projectId + "/tasks")
                .then().statusCode(201)
                .extract().path("id");
        return id.longValue();
    }

    /** Moves a task through the given statuses, each move expected to succeed. */
    public static void moveTask(String token, String projectId, long taskId, String... statuses) {
        for (String status : statuses) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("to", status))
                    .when().post("/api/projects/" + projectId + "/tasks/" + taskId + "/transitions")
                    .then().statusCode(200);
        }
    }
}
