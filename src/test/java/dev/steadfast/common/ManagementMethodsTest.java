package dev.steadfast.common;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Health, OpenAPI and metrics are read-only: a method that would change something is a 405 there. */
@QuarkusTest
class ManagementMethodsTest {

    @Test
    void shouldRefuseMethodsOtherThanGetAndHeadOnTheReadOnlyEndpointsNamingTheAllowedOnes() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/openapi",
                    "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml"}) {
                given().when().request(method, path)
                        .then().statusCode(405)
                        .header("Allow", "GET, HEAD, OPTIONS")
                        .contentType(Problem.MEDIA_TYPE)
                        .body("status", equalTo(405))
                        .body("detail", containsString("read-only"))
                        .body(not(containsString("\"checks\"")));
            }
        }
        given().when().options("/q/health/ready").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void shouldStillServeReadsAndKeepTheMetricsChallengeFirst() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().head("/q/health/live").then().statusCode(200);
        for (String path : new String[] {"/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml"}) {
            given().when().get(path).then().statusCode(200).body(containsString("Steadfast API"));
        }
        // Who may not read the metrics learns nothing more from a wrong method.
        given().when().delete("/q/metrics").then().statusCode(401);
        given().auth().oauth2(TestApi.adminToken()).when().delete("/q/metrics")
                .then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        given().auth().oauth2(TestApi.adminToken()).when().get("/q/metrics")
                .then().statusCode(200).body(containsString("steadfast_"));
    }
}
