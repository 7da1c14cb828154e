package dev.steadfast.health;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
public class HealthTest {

    @Test
    void shouldReportLivenessWithoutDatabaseChecks() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("alive"))
                .body("checks.name", not(hasItems("catalog-schema")))
                .body("checks.name", not(hasItems("Database connections health check")));
    }

    @Test
    void shouldBeReadyWithTheCatalogAtItsNewestVersionAndTheAdminReconciled() {
        given().when().get("/q/health/ready")
                .then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog-schema' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog-schema' }.data.version", equalTo(dev.steadfast.schema.MigrationIndex.load("catalog").newest().getVersion()))
                .body("checks.find { it.name == 'catalog-schema' }.data.pending", equalTo(0))
                .body("checks.find { it.name == 'catalog-schema' }.data.applied", equalTo(dev.steadfast.schema.MigrationIndex.load("catalog").files().size()))
                .body("checks.find { it.name == 'admin-bootstrap' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'admin-bootstrap' }.data.state", equalTo("RECONCILED"))
                // Health answers anyone: the admin's username, half of what a password guesser needs, stays out.
                .body("checks.find { it.name == 'admin-bootstrap' }.data", not(hasKey("username")))
                .body("checks.name", hasItems("Database connections health check"));
    }

    @Test
    void shouldReportBootFinishedOnTheStartupProbe() {
        given().when().get("/q/health/started")
                .then().statusCode(200)
                .body("checks.find { it.name == 'boot' }.status", equalTo("UP"));
    }

    @Test
    void shouldServeHealthWithoutAToken() {
        given().when().get("/q/health").then().statusCode(200);
    }
}
