package dev.steadfast.user;

import dev.steadfast.AtOnce;
import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Independent writes to the catalog made at the same moment all succeed: two people signing in
 * together, an admin script creating or editing users in parallel. Each of these transactions reads
 * before it writes; SQLite refuses such a transaction's write (SQLITE_BUSY_SNAPSHOT, which no busy
 * timeout waits out) once another connection has committed since its read, so they must wait for
 * each other instead of failing with 503.
 */
@QuarkusTest
class CatalogConcurrentWritesTest {

    private static final int PARALLEL = 8;

    @Test
    void shouldSignInManyTimesAtOnce() throws Exception {
        TestApi.TestUser user = TestApi.createUser("USER");
        List<Integer> statuses = atOnce(i -> () -> given().contentType(ContentType.JSON)
                .body(Map.of("username", user.username(), "password", user.password(), "name", "parallel-" + i))
                .when().post("/api/auth/tokens"));
        assertEquals(List.of(201), distinct(statuses), "every parallel sign-in gets its token: " + statuses);
    }

    @Test
    void shouldCreateManyUsersAtOnce() throws Exception {
        String admin = TestApi.adminToken();
        List<Integer> statuses = atOnce(i -> () -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", TestApi.uniqueName("parallel"), "password", "pw-parallel-creation-" + i,
                        "role", "USER"))
                .when().post("/api/users"));
        assertEquals(List.of(201), distinct(statuses), "every parallel creation succeeds: " + statuses);
    }

    @Test
    void shouldEditManyUsersAtOnce() throws Exception {
        String admin = TestApi.adminToken();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            ids.add(TestApi.createUser("USER").id());
        }
        List<Integer> statuses = atOnce(i -> () -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Edited " + i))
                .when().patch("/api/users/" + ids.get(i)));
        assertEquals(List.of(200), distinct(statuses), "every parallel edit succeeds: " + statuses);
        for (int i = 0; i < PARALLEL; i++) {
            given().auth().oauth2(admin).when().get("/api/users/" + ids.get(i))
                    .then().statusCode(200).body("displayName", org.hamcrest.Matchers.equalTo("Edited " + i));
        }
    }

    @Test
    void shouldRenameManyProjectsAtOnceInTheirFilesAndTheRegistryAlike() throws Exception {
        String admin = TestApi.adminToken();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            ids.add(TestApi.createProject(admin));
        }
        List<Integer> statuses = atOnce(i -> () -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("description", "changed " + i))
                .when().patch("/api/projects/" + ids.get(i)));
        // A registry write refused after the file's was committed left the two disagreeing.
        assertEquals(List.of(200), distinct(statuses), "every parallel rename succeeds: " + statuses);
        for (int i = 0; i < PARALLEL; i++) {
            given().auth().oauth2(admin).when().get("/api/projects/" + ids.get(i))
                    .then().statusCode(200).body("description", org.hamcrest.Matchers.equalTo("changed " + i));
        }
    }

    /** Runs PARALLEL requests released together; the status of each, in order. */
    private static List<Integer> atOnce(IntFunction<Callable<Response>> request) throws Exception {
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            calls.add(request.apply(i));
        }
        return AtOnce.run(calls, PARALLEL).stream().map(Response::statusCode).toList();
    }

    private static List<Integer> distinct(List<Integer> statuses) {
        return statuses.stream().distinct().sorted().toList();
    }
}
