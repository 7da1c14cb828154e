package dev.steadfast.project;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
public class ControlResourceTest {

    @Test
    void shouldStartUnpausedWithThreeAttemptsAndTakeNewSettings() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/control")
                .then().statusCode(200).body("paused", equalTo(false)).body("maxAttempts", equalTo(3));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("paused", true, "maxAttempts", 5))
                .when().put("/api/projects/" + project + "/control")
                .then().statusCode(200).body("paused", equalTo(true)).body("maxAttempts", equalTo(5));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/control")
                .then().statusCode(200).body("paused", equalTo(true)).body("maxAttempts", equalTo(5));
    }

    @Test
    void shouldRefuseInvalidControlSettingsAndChangeNothing() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("paused", true, "maxAttempts", 0))
                .when().put("/api/projects/" + project + "/control")
                .then().statusCode(400).body("errors.maxAttempts", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("maxAttempts", 2))
                .when().put("/api/projects/" + project + "/control")
                .then().statusCode(400).body("errors.paused", equalTo("is required"));
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/control")
                .then().statusCode(200).body("paused", equalTo(false)).body("maxAttempts", equalTo(3));
    }
}
