package dev.steadfast.common;

import dev.steadfast.TestApi;
import dev.steadfast.TestApi.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An operation that keeps no entity tag evaluates If-Match and If-None-Match as RFC 9110 asks: a
 * tag matches nothing there, so the change is refused with a 412 and nothing is done; they used to
 * be ignored and the change applied whatever the client's condition.
 */
@QuarkusTest
class UnsupportedPreconditionsTest {

    @Test
    void shouldRefuseAUserChangeUnderAnIfMatchTagAndChangeNothing() {
        String admin = TestApi.adminToken();
        TestUser user = TestApi.createUser("USER");
        for (String condition : new String[]{"\"bogus\"", "", "W/\"x\"", "*, \"x\""}) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", condition)
                    .body(Map.of("displayName", "changed")).when().patch("/api/users/" + user.id())
                    .then().statusCode(412).contentType("application/problem+json")
                    .body("type", equalTo("/problems/precondition-failed"))
                    .body("detail", containsString("keeps no entity tag"));
        }
        given().auth().oauth2(admin).header("If-Match", "\"gone\"").when().delete("/api/users/" + user.id())
                .then().statusCode(412);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-None-Match", "*")
                .body(Map.of("displayName", "changed")).when().patch("/api/users/" + user.id())
                .then().statusCode(412).body("detail", containsString("If-None-Match: *"));
        given().auth().oauth2(user.token()).contentType(ContentType.JSON).header("If-Match", "\"nope\"")
                .body(Map.of("currentPassword", user.password(), "newPassword", "another-password-123"))
                .when().put("/api/users/me/password").then().statusCode(412);
        given().auth().oauth2(admin).when().get("/api/users/" + user.id())
                .then().statusCode(200).body("displayName", equalTo("")); // nothing changed, nothing deleted
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", user.password()))
                .when().post("/api/auth/tokens").then().statusCode(201); // the password is the one it was

        // If-Match: * (it exists) and tags If-None-Match cannot match let the change go ahead.
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "*")
                .body(Map.of("displayName", "starred")).when().patch("/api/users/" + user.id())
                .then().statusCode(200).body("displayName", equalTo("starred"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-None-Match", "\"abc\"")
                .body(Map.of("displayName", "listed")).when().patch("/api/users/" + user.id())
                .then().statusCode(200).body("displayName", equalTo("listed"));
        // A read: If-None-Match matches no tag (the whole answer); If-Match names no state of it.
        given().auth().oauth2(admin).header("If-None-Match", "\"abc\"").when().get("/api/users/" + user.id())
                .then().statusCode(200);
        given().auth().oauth2(admin).header("If-Match", "\"abc\"").when().get("/api/users/" + user.id())
                .then().statusCode(412);
    }

    @Test
    void shouldRefuseAChangeRequestMoveUnderAStaleIfMatchAndLeaveItAsItWas() {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        long task = TestApi.createTask(admin, project);
        String crs = "/api/projects/" + project + "/change-requests";
        long cr = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("taskId", task, "title", "Draft"))
                .when().post(crs).then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(admin).header("If-Match", "\"stale\"").when().post(crs + "/" + cr + "/submit")
                .then().statusCode(412);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "")
                .body(Map.of("title", "Edited")).when().patch(crs + "/" + cr).then().statusCode(412);
        given().auth().oauth2(admin).when().get(crs + "/" + cr)
                .then().statusCode(200).body("status", equalTo("DRAFT")).body("title", equalTo("Draft"));
        // A project's 404 still comes first.
        given().auth().oauth2(admin).header("If-Match", "\"stale\"").when().post("/api/projects/"
                + "00000000-0000-0000-0000-000000000000/change-requests/" + cr + "/submit").then().statusCode(404);
        // A method never allowed is a 405 whatever the preconditions (RFC 9110: only a 2xx is conditional).
        given().auth().oauth2(admin).header("If-Match", "\"stale\"").when().delete("/api/projects/" + project + "/approvals/1")
                .then().statusCode(405).header("Allow", org.hamcrest.Matchers.notNullValue());
        // And whatever query parameter it is sent.
        given().auth().oauth2(admin).queryParam("foo", "1").when().patch("/api/projects/" + project + "/approvals/1")
                .then().statusCode(405);
        given().auth().oauth2(admin).queryParam("foo", "1").when().delete("/api/users/me").then().statusCode(405);
    }
}
