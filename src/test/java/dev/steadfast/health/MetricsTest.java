package dev.steadfast.health;

import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * Operators can scrape what boot did (migrations, snapshots, quarantines, admin reconciliations) and
 * how project commits are grouped into log syncs.
 */
@QuarkusTest
class MetricsTest {

    @Test
    void shouldExposeMigrationSnapshotQuarantineAndAdminMetricsInPrometheusFormat() {
        TestApi.createProject(TestApi.adminToken());
        String catalogApplied = "steadfast_migrations_applied_total{set=\"catalog\"} "
                + dev.steadfast.schema.MigrationIndex.load("catalog").files().size() + ".0";
        given().auth().oauth2(TestApi.adminToken()).when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString(catalogApplied))
                .body(matchesPattern("(?s).*steadfast_migrations_applied_total\\{set=\"project\"} [1-9][0-9]*\\.0.*"))
                .body(containsString("steadfast_migrations_duration_seconds_count{set=\"catalog\"}"))
                .body(containsString("steadfast_snapshots_taken_total"))
                .body(containsString("steadfast_projects_quarantined"))
                .body(containsString("steadfast_admin_reconciliations_total{action=\"created\"} 1.0"));
    }

    @Test
    void shouldCountProjectCommitsAndTheLogSyncsThatMadeThemDurable() {
        String token = TestApi.adminToken();
        TestApi.createTask(token, TestApi.createProject(token));
        given().auth().oauth2(token).when().get("/q/metrics")
                .then().statusCode(200)
                .body(matchesPattern("(?s).*\\nsteadfast_project_commits_total [1-9][0-9]*\\.0.*"))
                .body(matchesPattern("(?s).*\\nsteadfast_project_log_syncs_total [1-9][0-9]*\\.0.*"));
    }

    @Test
    void shouldServeTheJvmAndProcessMetersButNoMeterTimedOnEveryRequest() {
        String token = TestApi.adminToken();
        TestApi.createProject(token);
        given().auth().oauth2(token).when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("process_cpu_usage"))
                .body(not(containsString("http_server_requests_seconds")))
                .body(not(containsString("worker_pool_")))
                .body(not(containsString("netty_")));
    }

    @Test
    void shouldServeMetricsOnlyToASignedInCaller() {
        given().when().get("/q/metrics").then().statusCode(401).body(not(containsString("steadfast_")));
        given().auth().oauth2("sft_not-a-real-token").when().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(TestApi.createUser("USER").token()).when().get("/q/metrics")
                .then().statusCode(200).body(containsString("steadfast_admin_reconciliations_total"));
    }

    @Test
    void shouldRefuseACallerWithoutAValidTokenWithTheProblemEveryApiOperationGives() {
        // No Authorization header, another scheme, or a token that names nobody: the same 401 as /api/users/me.
        for (String authorization : new String[]{null, "Basic YWRtaW46YWRtaW4=", "Bearer sft_not-a-real-token"}) {
            String expected = unauthorized("/api/users/me", authorization);
            assertEquals(expected, unauthorized("/q/metrics", authorization), "Authorization: " + authorization);
        }
    }

    /** The 401 problem body of a GET of the path, after checking its media type and challenge. */
    private static String unauthorized(String path, String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.when().get(path).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthorized"))
                .extract().asString();
    }
}
