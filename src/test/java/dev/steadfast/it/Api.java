package dev.steadfast.it;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The few API calls the process tests make, against one running service. */
final class Api {

    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private final ServiceProcess service;

    Api(ServiceProcess service) {
        this.service = service;
    }

    RequestSpecification request() {
        return given().baseUri(service.baseUri()).log().ifValidationFails();
    }

    RequestSpecification as(String token) {
        return request().auth().oauth2(token);
    }

    /** POST /api/auth/tokens; the caller asserts the status. */
    ValidatableResponse signIn(String username, String password) {
        return request().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/api/auth/tokens")
                .then().log().ifValidationFails();
    }

    /** Signs in, expecting success; returns the bearer token. */
    String token(String username, String password) {
        return signIn(username, password).statusCode(201).extract().path("token");
    }

    /** The problem answer to a rejected sign-in. */
    void signInIsRejected(String username, String password) {
        signIn(username, password).statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    ValidatableResponse health(String which) {
        return request().when().get("/q/health/" + which).then().log().ifValidationFails();
    }

    /**
     * Loads RestAssured and its Groovy machinery in the background. The first request of a test
     * JVM otherwise spends seconds on it; started along with the first service, it overlaps that
     * service's boot instead of adding to it. Harmless if it fails: the real request loads it anyway.
     */
    static void warmUpInBackground() {
        if (!WARMED_UP.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                new JsonPath("{\"checks\":[{\"name\":\"a\",\"status\":\"UP\"}]}").getString(check("a") + ".status");
                given().baseUri("http://127.0.0.1:9").log().ifValidationFails().contentType(ContentType.JSON)
                        .body(Map.of("warm", "up")).when().post("/").then().log().ifValidationFails().statusCode(200);
            } catch (RuntimeException | AssertionError expected) {
                // nothing listens on the discard port
            }
        }, "rest-assured-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** GPath to one named check of a health answer, e.g. {@code check("admin-bootstrap") + ".status"}. */
    static String check(String name) {
        return "checks.find { it.name == '" + name + "' }";
    }
}
