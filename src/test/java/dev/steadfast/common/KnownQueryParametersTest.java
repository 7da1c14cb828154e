package dev.steadfast.common;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
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

    /** Every bad parameter of a list is named in one answer, its page and size with its filters. */
    @Test
    void shouldNameEveryBadPageParameterAndFilterOfAListInOneAnswer() {
        String token = TestApi.adminToken();
        String inside = "/api/projects/" + TestApi.createProject(token);
        Map<String, List<String>> lists = Map.of(
                inside + "/tasks?size=0&status=bogus&phase=bogus", List.of("size", "status", "phase"),
                inside + "/runs?page=-1&taskId=abc&status=bogus", List.of("page", "taskId", "status"),
                inside + "/change-requests?size=201&taskId=abc&status=bogus", List.of("size", "taskId", "status"),
                inside + "/approvals?page=x&taskId=abc&changeRequestId=abc", List.of("page", "taskId", "changeRequestId"),
                inside + "/artifacts?size=x&type=bogus&taskId=abc&runId=abc", List.of("size", "type", "taskId", "runId"),
                inside + "/artifacts?type=%20&page=-1", List.of("type", "page"),
                "/api/projects?size=0&status=bogus", List.of("size", "status"));
        lists.forEach((list, parameters) -> {
            var answer = given().urlEncodingEnabled(false).auth().oauth2(token).when().get(list)
                    .then().statusCode(400).contentType("application/problem+json");
            parameters.forEach(parameter -> answer.body("errors." + parameter, org.hamcrest.Matchers.notNullValue()));
        });
    }

    @Test
    void shouldRefuseAFilterOfOnlySpacesInsteadOfListingEverythingButTakeAnEmptyOneAsAbsent() {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        TestApi.createTask(token, project);
        String inside = "/api/projects/" + project;
        // urlEncodingEnabled(false): the values go as written, %20 and %09 included.
        for (String query : new String[]{"/tasks?status=%20", "/runs?taskId=%20", "/approvals?changeRequestId=%09",
                "/artifacts?type=%20", "/change-requests?taskId=%20%20"}) {
            String parameter = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            given().urlEncodingEnabled(false).auth().oauth2(token).when().get(inside + query)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors." + parameter, org.hamcrest.Matchers.notNullValue());
        }
        given().urlEncodingEnabled(false).auth().oauth2(token).contentType("text/plain").body("x")
                .when().post(inside + "/artifacts?type=LOG&name=n&taskId=%20")
                .then().statusCode(400).body("errors.taskId", equalTo("must be a whole number"));
        given().auth().oauth2(token).when().get(inside + "/artifacts").then().statusCode(200).body("total", equalTo(0));
        // Nineteen digits are a number, only too long for an id: the answer says so.
        given().auth().oauth2(token).queryParam("taskId", "9".repeat(19)).when().get(inside + "/runs")
                .then().statusCode(400).body("errors.taskId", equalTo("must be a whole number of at most 18 digits"));
        // An empty value is no filter, as an absent one (a form's empty field).
        given().urlEncodingEnabled(false).auth().oauth2(token).when().get(inside + "/tasks?status=")
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
