package dev.steadfast;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A write that changes nothing (an empty PATCH, or one repeating the current values) is answered
 * with the resource as it is, and leaves it as it was: same {@code updatedAt}, and for a task the
 * same ETag, so a client polling for changes does not see one that never happened.
 */
@QuarkusTest
class UnchangedWritesTest {

    private String token;
    private String project;

    @BeforeEach
    void aProject() {
        token = TestApi.adminToken();
        project = TestApi.createProject(token);
    }

    @Test
    void shouldLeaveAProjectAsItWas() throws Exception {
        String url = "/api/projects/" + project;
        String name = given().auth().oauth2(token).when().get(url).then().extract().path("name");
        assertUnchangedBy(url, "patch", Map.of(), Map.of("name", name), Map.of("name", "  " + name + " "));
        assertChangedBy(url, "patch", Map.of("name", name + " 2"));
    }

    @Test
    void shouldLeaveATaskAndItsETagAsTheyWere() throws Exception {
        long task = TestApi.createTask(token, project);
        String url = "/api/projects/" + project + "/tasks/" + task;
        String tag = given().auth().oauth2(token).when().get(url).then().extract().header("ETag");
        Map<String, Object> current = given().auth().oauth2(token).when().get(url).then().extract().jsonPath().getMap("");
        assertUnchangedBy(url, "patch", Map.of(), Map.of("title", current.get("title"), "phase", current.get("phase"),
                "priority", current.get("priority"), "content", current.get("content")));
        assertEquals(tag, given().auth().oauth2(token).when().get(url).then().extract().header("ETag"));
        given().auth().oauth2(token).when().get(url + "/versions").then().body("total", equalTo(1));
        assertChangedBy(url, "patch", Map.of("priority", 3));
    }

    @Test
    void shouldLeaveAUserAsItWas() throws Exception {
        TestApi.TestUser user = TestApi.createUser("USER");
        String url = "/api/users/" + user.id();
        assertUnchangedBy(url, "patch", Map.of(), Map.of("role", "USER", "active", true));
        assertChangedBy(url, "patch", Map.of("displayName", "Someone"));
    }

    @Test
    void shouldLeaveAChangeRequestAndTheControlStateAsTheyWere() throws Exception {
        long task = TestApi.createTask(token, project);
        long cr = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("taskId", task, "title", "Tighten the plan"))
                .when().post("/api/projects/" + project + "/change-requests").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String crUrl = "/api/projects/" + project + "/change-requests/" + cr;
        assertUnchangedBy(crUrl, "patch", Map.of(), Map.of("title", "Tighten the plan"));
        assertChangedBy(crUrl, "patch", Map.of("title", "Loosen the plan"));

        String control = "/api/projects/" + project + "/control";
        Map<String, Object> state = given().auth().oauth2(token).when().get(control).then().extract().jsonPath().getMap("");
        assertUnchangedBy(control, "put", Map.of("paused", state.get("paused"), "maxAttempts", state.get("maxAttempts")));
        assertChangedBy(control, "put", Map.of("paused", !(Boolean) state.get("paused"), "maxAttempts", state.get("maxAttempts")));
    }

    @SafeVarargs
    private void assertUnchangedBy(String url, String method, Map<String, ?>... bodies) throws InterruptedException {
        String before = updatedAt(url);
        for (Map<String, ?> body : bodies) {
            Thread.sleep(3); // a write would stamp a later millisecond
            String answered = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().request(method, url).then().statusCode(200).extract().path("updatedAt");
            assertEquals(before, answered, method + " " + body);
            assertEquals(before, updatedAt(url), method + " " + body);
        }
    }

    private void assertChangedBy(String url, String method, Map<String, ?> body) throws InterruptedException {
        String before = updatedAt(url);
        Thread.sleep(3);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().request(method, url).then().statusCode(200);
        assertNotEquals(before, updatedAt(url), "a real change is stamped: " + body);
    }

    private String updatedAt(String url) {
        return given().auth().oauth2(token).when().get(url).then().statusCode(200).extract().path("updatedAt");
    }
}
