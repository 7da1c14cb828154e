package dev.steadfast.project;

import dev.steadfast.AtOnce;
import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archive and purge requests that race each other, or race writes into the project, end in one
 * consistent state: one purge wins, the others are told the project is gone, the file lies in
 * archive/ exactly when the project is purged, and no request fails with a 500.
 */
@QuarkusTest
class ProjectStatusRaceTest {

    private static final int PARALLEL = 4;

    @Inject
    ProjectFiles files;

    @Test
    void shouldPurgeOnceWhenPurgesRace() throws Exception {
        String admin = TestApi.adminToken();
        for (int round = 0; round < 3; round++) {
            String id = TestApi.createProject(admin);
            TestApi.createTask(admin, id);
            List<Integer> statuses = atOnce(List.of(purge(admin, id), purge(admin, id), purge(admin, id), purge(admin, id)));
            assertEquals(List.of(204, 410, 410, 410), sorted(statuses), "one purge wins, the others find it gone");
            assertFalse(Files.exists(files.file(id)), "the purged file left projects/");
            assertEquals(1, files.archivedFiles(id).size(), "the file lies in archive/, once");
        }
    }

    @Test
    void shouldNeverArchiveAPurgedProject() throws Exception {
        String admin = TestApi.adminToken();
        for (int round = 0; round < 3; round++) {
            String id = TestApi.createProject(admin);
            List<Integer> statuses = atOnce(List.of(archive(admin, id), purge(admin, id), archive(admin, id), purge(admin, id)));
            assertFalse(statuses.contains(500), "no request fails: " + statuses);
            assertTrue(statuses.stream().filter(s -> s == 204).count() >= 1, "one of them wins: " + statuses);
            // A purge always applies (to an active or an archived project) unless another purge won.
            given().auth().oauth2(admin).when().get("/api/projects/" + id)
                    .then().statusCode(410).body("detail", containsString("purged"));
            assertFalse(Files.exists(files.file(id)), "a purged project's file left projects/");
            assertEquals(1, files.archivedFiles(id).size(), "its file lies in archive/, once");
        }
    }

    @Test
    void shouldNeverRenameAProjectOnceItIsArchived() throws Exception {
        String admin = TestApi.adminToken();
        for (int round = 0; round < 12; round++) {
            String id = TestApi.createProject(admin);
            List<String> names = List.of("r1-" + round, "r2-" + round, "r3-" + round);
            List<Callable<Response>> requests = new ArrayList<>();
            names.forEach(name -> requests.add(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", name)).when().patch("/api/projects/" + id)));
            requests.add(archive(admin, id));
            List<Response> answers = AtOnce.run(requests, requests.size());
            assertEquals(204, answers.get(3).statusCode());
            Set<String> renamed = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                Response answer = answers.get(i);
                assertTrue(Set.of(200, 410).contains(answer.statusCode()), answer.statusCode() + " " + answer.asString());
                if (answer.statusCode() == 200) {
                    assertEquals("ACTIVE", answer.jsonPath().getString("status"), "a rename that landed came before the archive");
                    renamed.add(names.get(i));
                }
            }
            String stored = given().auth().oauth2(admin).queryParam("status", "ARCHIVED").queryParam("size", 200)
                    .when().get("/api/projects").then().statusCode(200)
                    .extract().path("items.find { it.id == '" + id + "' }.name");
            assertTrue(renamed.contains(stored) || renamed.isEmpty(),
                    "a rename answered 410 changed nothing: " + stored + " of " + renamed);
        }
    }

    @Test
    void shouldAnswerWritesRacingAPurgeWithoutAFailureAndKeepEveryAcknowledgedOne() throws Exception {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            requests.add(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("title", "racing", "phase", "PLANNER", "content", "x"))
                    .when().post("/api/projects/" + id + "/tasks"));
        }
        requests.add(12, purge(admin, id));
        List<Response> answers = AtOnce.run(requests, 8);
        Set<Long> acknowledged = new HashSet<>();
        for (Response answer : answers) {
            int status = answer.statusCode();
            assertTrue(Set.of(201, 204, 410, 503).contains(status),
                    "a write racing a purge is created, or told the project is gone or busy, never failed: " + status
                            + " " + answer.asString());
            if (status == 201) {
                acknowledged.add(answer.jsonPath().getLong("id"));
            }
        }
        Path archived = files.archivedFiles(id).get(0);
        Set<Long> kept = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archived);
             ResultSet rows = c.createStatement().executeQuery("select id from tasks")) {
            while (rows.next()) {
                kept.add(rows.getLong(1));
            }
        }
        assertTrue(kept.containsAll(acknowledged), "every acknowledged task is in the archived file");
    }

    private static Callable<Response> purge(String token, String id) {
        return () -> given().auth().oauth2(token).queryParam("purge", true).when().delete("/api/projects/" + id);
    }

    private static Callable<Response> archive(String token, String id) {
        return () -> given().auth().oauth2(token).when().delete("/api/projects/" + id);
    }

    private static List<Integer> atOnce(List<Callable<Response>> requests) throws Exception {
        return AtOnce.run(requests, requests.size()).stream().map(Response::statusCode).toList();
    }

    private static List<Integer> sorted(List<Integer> statuses) {
        return statuses.stream().sorted().toList();
    }
}
