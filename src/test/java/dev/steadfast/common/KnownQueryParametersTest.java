package dev.steadfast.common;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A query parameter an operation does not take, or one given twice, is a 400 naming it: a
 * misspelled filter used to be ignored, so the unfiltered list came back as if it were the answer.
 */
@QuarkusTest
class KnownQueryParametersTest {

    @Test
    void shouldRefuseAMisspelledOrRepeatedFilterInsteadOfListingEverything() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        long task = TestApi.createTask(token, project);
        TestApi.moveTask(token, project, task, "CANCELLED");
        String tasks = "/api/projects/" + project + "/tasks";

        given().auth().oauth2(token).queryParam("stauts", "PENDING").when().get(tasks)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.stauts", equalTo("is not a parameter of this operation (it takes page, phase, size, status)"));
        given().auth().oauth2(token).queryParam("status", "PENDING", "CANCELLED").when().get(tasks)
                .then().statusCode(400).body("errors.status", equalTo("must be given at most once"));
        given().auth().oauth2(token).queryParam("id", 1).when().get(tasks + "/" + task)
                .then().statusCode(400).body("errors.id", equalTo("is not a parameter of this operation (it takes none)"));

        given().auth().oauth2(token).queryParam("status", "PENDING").when().get(tasks)
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token).queryParam("size", 1).when().get(tasks)
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void shouldStillAnswerAnUnknownProjectWithItsOwn404First() {
        String token = TestApi.adminToken();
        String unknown = "/api/projects/" + UUID.randomUUID();
        given().auth().oauth2(token).queryParam("stauts", "x").when().get(unknown + "/tasks")
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
        given().auth().oauth2(token).queryParam("Purge", "true").when().delete(unknown)
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
        given().auth().oauth2(token).queryParam("x", "1").when().get(unknown)
                .then().statusCode(404);
    }
}
