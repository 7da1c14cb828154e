package dev.steadfast.project;

import dev.steadfast.TestApi;
import dev.steadfast.datadir.DataDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProjectResourceTest {

    @Inject
    DataDirectory dataDirectory;

    @Inject
    ProjectDatabases databases;

    @Inject
    GroupCommit groupCommit;

    @Test
    void shouldCreateAProjectWithItsOwnMigratedSelfDescribingFile() throws Exception {
        String token = TestApi.adminToken();
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Apollo", "description", "to the moon"))
                .when().post("/api/projects")
                .then().log().ifValidationFails().statusCode(201)
                .header("Location", containsString("/api/projects/"))
                .body("name", equalTo("Apollo")).body("status", equalTo("ACTIVE")).body("schema", equalTo("MIGRATED"))
                .extract().path("id");
        Path file = projectFile(id);
        assertTrue(Files.isRegularFile(file), "the project has its own file");
        databases.close(id);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet own = c.createStatement().executeQuery("SELECT id, name FROM project");
             ResultSet history = c.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = 1")) {
            assertTrue(own.next());
            assertEquals(id, own.getString(1));
            assertEquals("Apollo", own.getString(2));
            history.next();
            assertEquals(dev.steadfast.schema.MigrationIndex.load("project").files().size(), history.getInt(1));
        }
    }

    @Test
    void shouldRefuseAnInvalidProjectAndCreateNoFile() throws Exception {
        long before = projectFileCount();
        given().auth().oauth2(TestApi.adminToken()).contentType(ContentType.JSON).body(Map.of("name", " "))
                .when().post("/api/projects")
                .then().statusCode(400).body("errors.name", equalTo("is required"));
        assertEquals(before, projectFileCount());
    }

    @Test
    void shouldRefuseANameThatIsUnicodeBlankOrHasControlCharactersAndWriteNothing() throws Exception {
        String token = TestApi.adminToken();
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Keep me"))
                .when().post("/api/projects").then().statusCode(201).extract().path("id");
        long before = projectFileCount();
        for (String name : List.of("\u3000", "\u00a0\u2003", "\u0000x", "x\u0007", "two\nlines", "tab\tbed", "\u0085x")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                    .when().patch("/api/projects/" + id)
                    .then().statusCode(400).contentType("application/problem+json").body("errors.name", notNullValue());
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                    .when().post("/api/projects")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.name", notNullValue());
        }
        assertEquals(before, projectFileCount());
        given().auth().oauth2(token).when().get("/api/projects/" + id).then().statusCode(200).body("name", equalTo("Keep me"));
        databases.close(id);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + projectFile(id));
             ResultSet own = c.createStatement().executeQuery("SELECT name FROM project")) {
            own.next();
            assertEquals("Keep me", own.getString(1), "no refused rename reaches the file's own row");
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "  Ünïcödé 名前  "))
                .when().patch("/api/projects/" + id).then().statusCode(200).body("name", equalTo("Ünïcödé 名前"));
    }

    @Test
    void shouldListReadAndRenameProjects() throws Exception {
        String token = TestApi.adminToken();
        String id = TestApi.createProject(token);
        given().auth().oauth2(token).queryParam("size", 200).when().get("/api/projects")
                .then().statusCode(200).body("items.id", hasItem(id)).body("total", greaterThanOrEqualTo(1));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Renamed", "description", "d"))
                .when().patch("/api/projects/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed")).body("description", equalTo("d"));
        given().auth().oauth2(token).when().get("/api/projects/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed"));
        databases.close(id);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + projectFile(id));
             ResultSet own = c.createStatement().executeQuery("SELECT name FROM project")) {
            own.next();
            assertEquals("Renamed", own.getString(1), "the file's own row follows the registry");
        }
    }

    @Test
    void shouldBringTheFilesOwnNameBackInStepOnAnEditThatChangesNothingInTheRegistry() throws Exception {
        String token = TestApi.adminToken();
        String id = TestApi.createProject(token);
        String name = given().auth().oauth2(token).when().get("/api/projects/" + id).then().extract().path("name");
        databases.close(id);
        // What a rename leaves when it wrote the file and then could not write the registry (503 busy).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + projectFile(id))) {
            c.createStatement().executeUpdate("UPDATE project SET name = 'never took effect'");
        }

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().patch("/api/projects/" + id).then().statusCode(200).body("name", equalTo(name));

        databases.close(id);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + projectFile(id));
             ResultSet own = c.createStatement().executeQuery("SELECT name FROM project")) {
            own.next();
            assertEquals(name, own.getString(1), "the file describes itself as the registry does");
        }
    }

    @Test
    void shouldAnswer404ForUnknownOrMalformedIds() {
        String token = TestApi.adminToken();
        given().auth().oauth2(token).when().get("/api/projects/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/api/projects/..%2F..%2Fsteadfast")
                .then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/projects/not-a-uuid/tasks").then().statusCode(404);
    }

    @Test
    void shouldAnswer410ForAnArchivedProjectAndKeepItsFile() {
        String token = TestApi.adminToken();
        String id = TestApi.createProject(token);
        TestApi.createTask(token, id);
        given().auth().oauth2(token).when().delete("/api/projects/" + id).then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/projects/" + id)
                .then().statusCode(410).contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/api/projects/" + id + "/tasks").then().statusCode(410);
        given().auth().oauth2(token).queryParam("size", 200).when().get("/api/projects")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        assertTrue(Files.exists(projectFile(id)), "archiving never deletes the file");

        // Its id is not lost: the archived ones are listed on request, so that they can be purged.
        given().auth().oauth2(token).queryParam("status", "ARCHIVED").queryParam("size", 200).when().get("/api/projects")
                .then().statusCode(200).body("items.find { it.id == '" + id + "' }.status", equalTo("ARCHIVED"));
        given().auth().oauth2(token).queryParam("status", "ACTIVE").queryParam("size", 200).when().get("/api/projects")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(token).queryParam("status", "GONE").when().get("/api/projects")
                .then().statusCode(400).body("errors.status", notNullValue());
        given().auth().oauth2(token).queryParam("purge", true).when().delete("/api/projects/" + id).then().statusCode(204);
        given().auth().oauth2(token).queryParam("status", "PURGED").queryParam("size", 200).when().get("/api/projects")
                .then().statusCode(200).body("items.find { it.id == '" + id + "' }.status", equalTo("PURGED"));
    }

    @Test
    void shouldLetOnlyAdminsPurgeAndMoveTheFileToTheArchive() throws Exception {
        String admin = TestApi.adminToken();
        TestApi.TestUser user = TestApi.createUser("USER");
        String id = TestApi.createProject(user.token());
        given().auth().oauth2(user.token()).queryParam("purge", true).when().delete("/api/projects/" + id)
                .then().statusCode(403);
        assertTrue(Files.exists(projectFile(id)));
        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + id)
                .then().statusCode(204);
        assertFalse(Files.exists(projectFile(id)));
        try (Stream<Path> archived = Files.list(dataDirectory.root().resolve("archive"))) {
            assertTrue(archived.anyMatch(p -> p.getFileName().toString().startsWith(id) && p.toString().endsWith(".db")));
        }
        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + id)
                .then().statusCode(410);
    }

    @Test
    void shouldAnswer404ToABodySentToAProjectThatDoesNotExistWhateverTheBody() {
        String admin = TestApi.adminToken();
        String unknown = "/api/projects/" + java.util.UUID.randomUUID();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post(unknown + "/tasks")
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{").when().post(unknown + "/tasks")
                .then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\": \"\"}").when().patch(unknown)
                .then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"bogus\": 1}").when().patch(unknown + "/tasks/1")
                .then().statusCode(404);
        // Who has no valid token learns nothing about which projects exist.
        given().contentType(ContentType.JSON).body("{").when().post(unknown + "/tasks").then().statusCode(401);
        // A project that exists still gets the body's own error.
        String id = TestApi.createProject(admin);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").when().post("/api/projects/" + id + "/tasks")
                .then().statusCode(400);
    }

    @Test
    void shouldAnswer410ToABodySentToAnArchivedOrPurgedProjectWhateverTheBody() {
        String admin = TestApi.adminToken();
        String archived = TestApi.createProject(admin);
        long task = TestApi.createTask(admin, archived);
        given().auth().oauth2(admin).when().delete("/api/projects/" + archived).then().statusCode(204);
        String purged = TestApi.createProject(admin);
        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + purged).then().statusCode(204);
        for (String project : new String[]{"/api/projects/" + archived, "/api/projects/" + purged}) {
            // Malformed, of the wrong shape, invalid, with an unknown field: the project's state comes first.
            Map<String, String> bodies = Map.of(
                    "POST " + project + "/tasks", "{",
                    "PATCH " + project, "{\"name\": \"\"}",
                    "PATCH " + project + "/tasks/" + task, "{\"bogus\": 1}",
                    "PUT " + project + "/control", "[]",
                    "POST " + project + "/runs", "{\"taskId\": \"x\"}");
            bodies.forEach((request, body) -> {
                String[] methodAndPath = request.split(" ");
                given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                        .when().request(methodAndPath[0], methodAndPath[1])
                        .then().statusCode(410).body("type", equalTo("/problems/gone"));
            });
            assertRequestsAboutTheProjectComeFirst(admin, project, 410, "/problems/gone");
        }
        String unknown = "/api/projects/" + UUID.randomUUID();
        assertRequestsAboutTheProjectComeFirst(admin, unknown, 404, "/problems/not-found");
        given().auth().oauth2(admin).queryParam("purge", "yes").when().delete(unknown)
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
    }

    /** Uploads of every kind and bad query parameters: the project's answer, not one about the request. */
    private static void assertRequestsAboutTheProjectComeFirst(String token, String project, int status, String type) {
        List.of(given().contentType(ContentType.JSON).body("{bad"),
                given().contentType(ContentType.JSON).body(Map.of("type", "LOG", "name", "a", "content", "x", "taskId", "z")),
                given().contentType(ContentType.TEXT).body("raw, without type or name"),
                given().contentType(ContentType.TEXT).header("Content-Encoding", "gzip").queryParam("type", "LOG")
                        .queryParam("name", "a").body("x"),
                given().contentType("application/json; charset=latin1").body("{}"))
                .forEach(upload -> upload.auth().oauth2(token).when().post(project + "/artifacts")
                        .then().statusCode(status).body("type", equalTo(type)));
        for (String list : List.of("/tasks?size=0", "/tasks?status=zz", "/artifacts?page=-1", "/runs?taskId=abc")) {
            given().auth().oauth2(token).when().get(project + list).then().statusCode(status).body("type", equalTo(type));
        }
    }

    @Test
    void shouldRefuseAMisspelledPurgeInsteadOfArchiving() {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        for (String parameter : List.of("Purge", "purge_", "force")) {
            given().auth().oauth2(admin).queryParam(parameter, "true").when().delete("/api/projects/" + project)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors." + parameter, equalTo("is not a parameter of this operation (it takes purge)"));
        }
        given().auth().oauth2(admin).when().get("/api/projects/" + project).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void shouldKeepNoSyncStateForAPurgedProject() {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        TestApi.createTask(admin, id);
        assertTrue(groupCommit.tracks(id), "a commit to the project file keeps its log's sync state");
        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + id)
                .then().statusCode(204);
        assertFalse(groupCommit.tracks(id), "a purged project's sync state would stay for the life of the process");
    }

    @Test
    void shouldPurgeAProjectWhoseFileAnOperatorAlreadyRemoved() throws Exception {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        databases.close(id);
        Files.delete(projectFile(id));

        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + id)
                .then().statusCode(204);
        given().auth().oauth2(admin).queryParam("purge", true).when().delete("/api/projects/" + id)
                .then().statusCode(410); // recorded as purged
    }

    @Test
    void shouldCountLengthsInCharactersNotUtf16Units() {
        String admin = TestApi.adminToken();
        String smiles = "\uD83D\uDE00".repeat(200); // 200 characters, 400 UTF-16 units
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", smiles))
                .when().post("/api/projects")
                .then().log().ifValidationFails().statusCode(201).body("name", equalTo(smiles)).extract().path("id");
        given().auth().oauth2(admin).when().get("/api/projects/" + id).then().body("name", equalTo(smiles));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", smiles + "\uD83D\uDE00"))
                .when().post("/api/projects")
                .then().statusCode(400).body("errors.name", equalTo("must be at most 200 characters"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "\uD83D\uDE00"))
                .when().patch("/api/projects/" + id).then().statusCode(200).body("name", equalTo("\uD83D\uDE00"));
    }

    @Test
    void shouldRefuseAPurgeFlagThatIsNeitherTrueNorFalse() {
        String admin = TestApi.adminToken();
        String id = TestApi.createProject(admin);
        for (String purge : List.of("1", "yes", "TRUE", "0")) {
            given().auth().oauth2(admin).queryParam("purge", purge).when().delete("/api/projects/" + id)
                    .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                    .body("errors.purge", equalTo("must be true or false"));
        }
        // Given twice, the first value used to decide: purge=true&purge=false purged the project.
        given().auth().oauth2(admin).queryParam("purge", "true", "false").when().delete("/api/projects/" + id)
                .then().statusCode(400).body("errors.purge", equalTo("must be given at most once"));
        given().auth().oauth2(admin).when().get("/api/projects/" + id)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        assertTrue(Files.exists(projectFile(id)));
        given().auth().oauth2(admin).queryParam("purge", "false").when().delete("/api/projects/" + id)
                .then().statusCode(204);
        given().auth().oauth2(admin).when().get("/api/projects/" + id).then().statusCode(410);
        assertTrue(Files.exists(projectFile(id)), "purge=false archives and keeps the file");
    }

    @Test
    void shouldKeepProjectsApart() {
        String token = TestApi.adminToken();
        String a = TestApi.createProject(token);
        String b = TestApi.createProject(token);
        long taskOfA = TestApi.createTask(token, a);
        // Ids are per file: make sure B has no task with A's id before asking.
        given().auth().oauth2(token).when().get("/api/projects/" + b + "/tasks/" + taskOfA).then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/projects/" + a + "/tasks/" + taskOfA).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/projects/" + b + "/tasks")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldQuarantineAnUnreadableFileServeTheOthersAndBringItBackOnRetry() throws Exception {
        String token = TestApi.adminToken();
        String broken = TestApi.createProject(token);
        String healthy = TestApi.createProject(token);
        long task = TestApi.createTask(token, broken);
        databases.close(broken);
        Path file = projectFile(broken);
        byte[] original = Files.readAllBytes(file);
        byte[] garbage = original.clone();
        for (int i = 0; i < 100; i++) {
            garbage[i] = (byte) 0x5A;
        }
        Files.write(file, garbage);
        try {
            String reason = given().auth().oauth2(token).when().post("/api/admin/projects/" + broken + "/migrate")
                    .then().statusCode(503).body("state", equalTo("QUARANTINED")).body("reason", notNullValue())
                    .extract().path("reason");
            given().auth().oauth2(token).when().get("/api/projects/" + broken + "/tasks")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("quarantined"))
                    .body("detail", not(containsString(reason))); // the driver's words and paths are for admins
            given().auth().oauth2(token).when().get("/api/projects/" + healthy + "/tasks").then().statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'project-schemas' }.data.quarantined", containsString(broken));
        } finally {
            Files.write(file, original);
        }
        given().auth().oauth2(token).when().post("/api/admin/projects/" + broken + "/migrate")
                .then().statusCode(200).body("state", equalTo("MIGRATED"));
        given().auth().oauth2(token).when().get("/api/projects/" + broken + "/tasks/" + task).then().statusCode(200);
    }

    @Test
    void shouldKeepTheRetryEndpointForAdmins() {
        TestApi.TestUser user = TestApi.createUser("USER");
        String id = TestApi.createProject(user.token());
        given().auth().oauth2(user.token()).when().post("/api/admin/projects/" + id + "/migrate").then().statusCode(403);
    }

    @Test
    void shouldRequireATokenForProjects() {
        given().when().get("/api/projects").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).when().post("/api/projects").then().statusCode(401);
    }

    private Path projectFile(String id) {
        return dataDirectory.root().resolve("projects").resolve(id + ".db");
    }

    private long projectFileCount() throws Exception {
        Path dir = dataDirectory.root().resolve("projects");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".db")).count();
        }
    }

}
