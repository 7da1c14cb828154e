package dev.steadfast.common;

import dev.steadfast.TestApi;
import dev.steadfast.TestApi.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A numeric id in a path has one spelling: other scripts' digits, a sign or a leading zero used to
 * reach the same resource (a PATCH to /api/users/２ changed user 2); they are the 404 of a
 * non-numeric id, and change nothing.
 */
@QuarkusTest
class NumericPathIdsTest {

    @Test
    void shouldAnswerAnIdInAnotherSpellingWith404AndChangeNothing() {
        String admin = TestApi.adminToken();
        TestUser user = TestApi.createUser("USER");
        String canonical = String.valueOf(user.id());
        for (String spelling : new String[]{"+" + canonical, "0" + canonical, toFullwidth(canonical), toArabicIndic(canonical)}) {
            given().urlEncodingEnabled(true).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("displayName", "via " + spelling)).when().patch("/api/users/" + spelling)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("Nothing at this path: id is written in ASCII digits, without a sign or a leading zero,"
                            + " and has at most 18 of them (no id is longer)."));
            given().auth().oauth2(admin).when().get("/api/users/" + spelling).then().statusCode(404);
        }
        given().auth().oauth2(admin).when().get("/api/users/" + canonical).then().statusCode(200).body("displayName", equalTo(""));
        // Nineteen digits are a number, but no id: the detail says why rather than blame the spelling alone.
        given().auth().oauth2(admin).when().get("/api/users/" + Long.MAX_VALUE).then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("at most 18"));

        String project = TestApi.createProject(admin);
        long task = TestApi.createTask(admin, project);
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/0" + task).then().statusCode(404);
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task + "/versions/01").then().statusCode(404);
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task + "/versions/1").then().statusCode(200);
    }

    private static String toFullwidth(String digits) {
        return digits.chars().mapToObj(c -> String.valueOf((char) ('\uFF10' + (c - '0')))).reduce("", String::concat);
    }

    private static String toArabicIndic(String digits) {
        return digits.chars().mapToObj(c -> String.valueOf((char) ('\u0660' + (c - '0')))).reduce("", String::concat);
    }
}
