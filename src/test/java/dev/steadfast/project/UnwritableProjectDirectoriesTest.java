package dev.steadfast.project;

import dev.steadfast.TestApi;
import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.datadir.UnwritableFile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code projects/} or {@code archive/} made unwritable while the service runs (a changed owner or
 * mode; as root, an immutable flag): creating or purging a project answers a 503 that says so,
 * never a 500, and changes nothing. Once the directory is writable again, the same request works.
 */
@QuarkusTest
class UnwritableProjectDirectoriesTest {

    @Inject
    DataDirectory dataDirectory;

    @Inject
    ProjectFiles files;

    @Test
    void shouldRefuseToCreateAProjectWhileProjectsIsNotWritableAndCreateNothing() throws Exception {
        String admin = TestApi.adminToken();
        Path projects = Files.createDirectories(dataDirectory.root().resolve("projects"));
        List<Path> filesBefore = list(projects);
        int registeredBefore = registeredProjects(admin);

        try (UnwritableFile unwritable = UnwritableFile.make(projects)) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "nowhere to go"))
                    .when().post("/api/projects")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("/problems/storage-not-writable"))
                    .body("detail", containsString("projects/"));
        }

        assertEquals(filesBefore, list(projects), "no file left in projects/");
        assertEquals(registeredBefore, registeredProjects(admin), "no project registered");
        TestApi.createProject(admin); // writable again: works
    }

    @Test
    void shouldRefuseToPurgeWhileArchiveOrProjectsIsNotWritableAndKeepServingTheProject() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        long task = TestApi.createTask(admin, project);
        Path archive = Files.createDirectories(dataDirectory.root().resolve("archive"));

        // The directories, and the file itself (which then cannot be moved out of projects/).
        Map<Path, String> refusals = Map.of(archive, "archive/", files.file(project).getParent(), "projects/",
                files.file(project), "its file could not be moved into archive/");
        for (Map.Entry<Path, String> refusal : refusals.entrySet()) {
            try (UnwritableFile unwritable = UnwritableFile.make(refusal.getKey())) {
                given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + project)
                        .then().statusCode(503).contentType("application/problem+json")
                        .body("type", equalTo("/problems/storage-not-writable"))
                        .body("detail", containsString(refusal.getValue()));
            }
            assertTrue(Files.exists(files.file(project)), "the file stays where it serves");
            assertEquals(List.of(), files.archivedFiles(project), "nothing of it in archive/");
            given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + task).then().statusCode(200);
        }

        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + project)
                .then().statusCode(204); // writable again: works
    }

    private static List<Path> list(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted().toList();
        }
    }

    private static int registeredProjects(String token) {
        Number total = given().auth().oauth2(token).when().get("/api/projects").then().statusCode(200).extract().path("total");
        return total.intValue();
    }
}
