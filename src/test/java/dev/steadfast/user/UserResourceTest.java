package dev.steadfast.user;

import dev.steadfast.TestApi;
import dev.steadfast.TestApi.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
public class UserResourceTest {

    @Test
    void shouldShowTheCallerWithoutAnyHash() {
        given().auth().oauth2(TestApi.adminToken())
                .when().get("/api/users/me")
                .then().log().ifValidationFails().statusCode(200)
                .body("username", equalTo("admin"))
                .body("role", equalTo("ADMIN"))
                .body("active", equalTo(true))
                .body("$", not(hasKey("passwordHash")))
                .body(not(containsString("$2a$")));
    }

    @Test
    void shouldCreateAUserThatCanSignIn() {
        String username = TestApi.uniqueName("carol");
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", "carol@example.org", "password", "carol-password-1", "role", "USER"))
                .when().post("/api/users")
                .then().log().ifValidationFails().statusCode(201)
                .header("Location", containsString("/api/users/"))
                .body("id", notNullValue())
                .body("username", equalTo(username))
                .body("email", equalTo("carol@example.org"))
                .body("role", equalTo("USER"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
        given().auth().oauth2(TestApi.token(username, "carol-password-1"))
                .when().get("/api/users/me").then().statusCode(200).body("username", equalTo(username));
    }

    @Test
    void shouldRefuseADuplicateUsernameInAnyCase() {
        TestUser existing = TestApi.createUser("USER");
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", existing.username().toUpperCase(), "password", "another-password", "role", "USER"))
                .when().post("/api/users")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("already exists"));
    }

    @Test
    void shouldRefuseAWeakPasswordAndCreateNothing() {
        String username = TestApi.uniqueName("weak");
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "short", "role", "USER"))
                .when().post("/api/users")
                .then().statusCode(400)
                .body("errors.password", equalTo("must be at least 12 characters long"));
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "short"))
                .when().post("/api/auth/tokens").then().statusCode(401);
    }

    @Test
    void shouldValidateEveryFieldOfANewUser() {
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", "no spaces allowed", "email", "not-an-email", "role", "USER"))
                .when().post("/api/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.username", containsString("letters, digits"))
                .body("errors.email", equalTo("must be an e-mail address"))
                .body("errors.password", equalTo("is required"));
    }

    /** /api/users/me is only read, for an admin too: a PATCH or DELETE of it reached /{id}, a 404 for an admin. */
    @Test
    void shouldAnswer405WithAllowToAChangeOfMeWhoeverAsks() {
        TestUser user = TestApi.createUser("USER");
        for (String token : new String[]{TestApi.adminToken(), user.token()}) {
            for (String method : new String[]{"PATCH", "DELETE"}) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                        .when().request(method, "/api/users/me")
                        .then().statusCode(405).contentType("application/problem+json")
                        .header("Allow", equalTo("GET, HEAD"));
            }
        }
        given().auth().oauth2(user.token()).when().get("/api/users/me").then().statusCode(200)
                .body("username", equalTo(user.username()));
    }

    /** The password rule is configurable, not an annotation; its error still comes with the others. */
    @Test
    void shouldNameAWeakPasswordWithTheOtherInvalidFieldsInOneAnswer() {
        String admin = TestApi.adminToken();
        String username = TestApi.uniqueName("weak");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", "not-an-email", "password", "short", "role", "USER"))
                .when().post("/api/users")
                .then().statusCode(400)
                .body("errors.email", equalTo("must be an e-mail address"))
                .body("errors.password", equalTo("must be at least 12 characters long"));
        TestUser user = TestApi.createUser("USER");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "two\nlines", "password", "short"))
                .when().patch("/api/users/" + user.id())
                .then().statusCode(400)
                .body("errors.displayName", notNullValue())
                .body("errors.password", equalTo("must be at least 12 characters long"));
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", "short"))
                .when().post("/api/auth/tokens").then().statusCode(401);
    }

    @Test
    void shouldRefuseADisplayNameWithALineBreakOrControlCharacterAndChangeNothing() {
        String admin = TestApi.adminToken();
        TestUser user = TestApi.createUser("USER");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", "Carol C."))
                .when().patch("/api/users/" + user.id()).then().statusCode(200);
        for (String displayName : List.of("two\nlines", "tab\tbed", "bell\u0007", "nul\u0000", "sep\u2028arator")) {
            String username = TestApi.uniqueName("dn");
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("username", username, "password", "long-enough-password", "role", "USER", "displayName", displayName))
                    .when().post("/api/users")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.displayName", equalTo("must be a single line without control characters"));
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "long-enough-password"))
                    .when().post("/api/auth/tokens").then().statusCode(401);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", displayName))
                    .when().patch("/api/users/" + user.id())
                    .then().statusCode(400).body("errors.displayName", notNullValue());
        }
        given().auth().oauth2(admin).when().get("/api/users/" + user.id())
                .then().statusCode(200).body("displayName", equalTo("Carol C."));
    }

    @Test
    void shouldRefuseAnUnknownRole() {
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", TestApi.uniqueName("x"), "password", "long-enough-password", "role", "BOSS"))
                .when().post("/api/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.role", notNullValue());
    }

    @Test
    void shouldRefuseARoleGivenAsAnOrdinalOrIndexString() {
        String admin = TestApi.adminToken();
        for (Object role : List.of(0, "0")) {
            String username = TestApi.uniqueName("ordinal");
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("username", username, "password", "long-enough-password", "role", role))
                    .when().post("/api/users")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.role", notNullValue());
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "long-enough-password"))
                    .when().post("/api/auth/tokens").then().statusCode(401);
        }
        TestUser user = TestApi.createUser("USER");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", 0))
                .when().patch("/api/users/" + user.id())
                .then().statusCode(400).body("errors.role", notNullValue());
        given().auth().oauth2(admin).when().get("/api/users/" + user.id()).then().body("role", equalTo("USER"));
    }

    @Test
    void shouldListUsersInPagesInAStableOrder() {
        TestApi.createUser("USER");
        TestApi.createUser("USER");
        String admin = TestApi.adminToken();
        List<Integer> firstPage = given().auth().oauth2(admin).queryParam("page", 0).queryParam("size", 2)
                .when().get("/api/users")
                .then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(3))
                .body("items.passwordHash", everyItem(nullValue()))
                .extract().path("items.id");
        List<Integer> secondPage = given().auth().oauth2(admin).queryParam("page", 1).queryParam("size", 2)
                .when().get("/api/users").then().statusCode(200).extract().path("items.id");
        org.junit.jupiter.api.Assertions.assertEquals(2, firstPage.size());
        org.junit.jupiter.api.Assertions.assertTrue(firstPage.get(1) < secondPage.get(0), "ids ascend across pages");
    }

    @Test
    void shouldRefuseOutOfRangePaging() {
        given().auth().oauth2(TestApi.adminToken()).queryParam("size", 1000)
                .when().get("/api/users")
                .then().statusCode(400).body("errors.size", containsString("between 1 and 200"));
        given().auth().oauth2(TestApi.adminToken()).queryParam("size", "abc").queryParam("page", -1)
                .when().get("/api/users")
                .then().statusCode(400).body("errors.size", notNullValue()).body("errors.page", notNullValue());
        // Only digits: a sign, a space or another script's digits is a client's mistake, not a number.
        for (String size : List.of("+5", " 5", "5 ", "٥")) {
            given().auth().oauth2(TestApi.adminToken()).queryParam("size", size)
                    .when().get("/api/users")
                    .then().statusCode(400).body("errors.size", containsString("whole number"));
        }
    }

    @Test
    void shouldNotGiveADeletedUsersNameToANewUserWhoWouldInheritTheirWork() {
        String admin = TestApi.adminToken();
        TestUser zed = TestApi.createUser("USER");
        given().auth().oauth2(admin).when().delete("/api/users/" + zed.id()).then().statusCode(204);
        for (String name : List.of(zed.username(), zed.username().toUpperCase())) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("username", name, "password", "a-long-password-1", "role", "USER"))
                    .when().post("/api/users")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("was the name of a deleted user"));
        }
        given().auth().oauth2(admin).queryParam("size", 200).when().get("/api/users").then().statusCode(200)
                .body("items.username", not(hasItem(zed.username())));
    }

    @Test
    void shouldNeverGiveADeletedUsersIdToANewUser() {
        String admin = TestApi.adminToken();
        TestUser newest = TestApi.createUser("USER"); // the highest id so far
        given().auth().oauth2(admin).when().delete("/api/users/" + newest.id()).then().statusCode(204);
        TestUser next = TestApi.createUser("USER");
        assertTrue(next.id() > newest.id(), "user " + newest.id() + " was deleted; the next user got " + next.id());
        // An old link to the deleted user finds nobody, not the newcomer.
        given().auth().oauth2(admin).when().get("/api/users/" + newest.id()).then().statusCode(404);
    }

    @Test
    void shouldGetPatchAndDeleteAUser() {
        TestUser user = TestApi.createUser("USER");
        String admin = TestApi.adminToken();
        given().auth().oauth2(admin).when().get("/api/users/" + user.id())
                .then().statusCode(200).body("username", equalTo(user.username()));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("email", "new@example.org", "role", "ADMIN"))
                .when().patch("/api/users/" + user.id())
                .then().statusCode(200).body("email", equalTo("new@example.org")).body("role", equalTo("ADMIN"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("password", "a-brand-new-password"))
                .when().patch("/api/users/" + user.id()).then().statusCode(200);
        // A password reset by an admin signs the user out everywhere.
        given().auth().oauth2(user.token()).when().get("/api/users/me").then().statusCode(401);
        TestApi.token(user.username(), "a-brand-new-password");
        given().auth().oauth2(admin).when().delete("/api/users/" + user.id()).then().statusCode(204);
        given().auth().oauth2(admin).when().get("/api/users/" + user.id())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswer404ForAnUnknownUser() {
        String admin = TestApi.adminToken();
        given().auth().oauth2(admin).when().get("/api/users/999999").then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", true))
                .when().patch("/api/users/999999").then().statusCode(404);
        given().auth().oauth2(admin).when().delete("/api/users/999999").then().statusCode(404);
    }

    @Test
    void shouldForbidAdminOperationsToPlainUsers() {
        TestUser user = TestApi.createUser("USER");
        given().auth().oauth2(user.token()).when().get("/api/users")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("username", TestApi.uniqueName("x"), "password", "long-enough-password", "role", "ADMIN"))
                .when().post("/api/users").then().statusCode(403);
        given().auth().oauth2(user.token()).when().delete("/api/users/1").then().statusCode(403);
    }

    @Test
    void shouldRequireAToken() {
        given().when().get("/api/users").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().when().get("/api/users/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldNeverLoseTheLastActiveAdmin() {
        String admin = TestApi.adminToken();
        // Leave "admin" as the only active admin: other tests may have made admins, on any page.
        List<Map<String, Object>> users = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = given().auth().oauth2(admin).queryParam("size", 200).queryParam("page", page)
                    .when().get("/api/users").then().statusCode(200).extract().path("items");
            if (items.isEmpty()) {
                break;
            }
            users.addAll(items);
        }
        long adminId = -1;
        for (Map<String, Object> user : users) {
            if ("admin".equals(user.get("username"))) {
                adminId = ((Number) user.get("id")).longValue();
            } else if ("ADMIN".equals(user.get("role")) && Boolean.TRUE.equals(user.get("active"))) {
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", false))
                        .when().patch("/api/users/" + user.get("id")).then().statusCode(200);
            }
        }
        given().auth().oauth2(admin).when().delete("/api/users/" + adminId)
                .then().statusCode(409).body("detail", containsString("last active admin"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/api/users/" + adminId).then().statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("role", "USER"))
                .when().patch("/api/users/" + adminId).then().statusCode(409);
        given().auth().oauth2(admin).when().get("/api/users/me")
                .then().statusCode(200).body("role", equalTo("ADMIN")).body("active", equalTo(true));
    }

    @Test
    void shouldChangeOwnPasswordAndEndOtherSessions() {
        TestUser user = TestApi.createUser("USER");
        String otherSession = TestApi.token(user.username(), user.password());
        given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong-password-x", "newPassword", "my-new-password-1"))
                .when().put("/api/users/me/password")
                .then().statusCode(400).body("errors.currentPassword", notNullValue());
        given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "short"))
                .when().put("/api/users/me/password")
                .then().statusCode(400).body("errors.newPassword", containsString("at least"));
        given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "my-new-password-1"))
                .when().put("/api/users/me/password").then().statusCode(204);
        given().auth().oauth2(user.token()).when().get("/api/users/me").then().statusCode(200);
        given().auth().oauth2(otherSession).when().get("/api/users/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", user.password()))
                .when().post("/api/auth/tokens").then().statusCode(401);
        TestApi.token(user.username(), "my-new-password-1");
    }
}
