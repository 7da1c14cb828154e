package dev.steadfast.project;

import dev.steadfast.ErrorLog;
import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project file damaged in its middle pages (header and history intact, so it passes the boot's
 * check): the first request that reaches the damage quarantines the project, as the boot would have,
 * and answers the quarantine's 503 instead of a 500; the admin's retry finds the damage too.
 */
@QuarkusTest
class ProjectFileDamageTest {

    private static final int TASKS = 40;
    private static final String LONG_TEXT = "x".repeat(3000); // about a task per page: the file has many

    @Inject
    ProjectFiles files;

    @Inject
    ProjectDatabases databases;

    @Test
    void shouldQuarantineAProjectWhoseFileARequestFindsDamagedAndKeepItQuarantinedOnRetry() throws Exception {
        String admin = TestApi.adminToken();
        String project = TestApi.createProject(admin);
        String other = TestApi.createProject(admin);
        List<Long> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(createLongTask(admin, project));
        }
        long otherTask = TestApi.createTask(admin, other);
        Path file = files.file(project);
        databases.close(project); // no cached pages, and the log checkpointed into the file
        Path backup = Files.copy(file, file.resolveSibling(project + ".backup"), StandardCopyOption.REPLACE_EXISTING);
        overwriteMiddleLeavesOfTasks(file);
        byte[] damaged = Files.readAllBytes(file);

        int failed = -1;
        List<LogRecord> errors;
        try (ErrorLog log = ErrorLog.capture()) {
            errors = log.records();
            for (int i = 0; i < tasks.size() && failed < 0; i++) {
                Response read = given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + tasks.get(i));
                if (read.statusCode() != 200) {
                    failed = i;
                    // The quarantine's answer, saying what happened; the driver's words stay in the log.
                    read.then().log().ifValidationFails().statusCode(503).contentType("application/problem+json")
                            .body("type", equalTo("/problems/unavailable")).body("detail", containsString("damaged"))
                            .body("detail", not(containsString("malformed")));
                }
            }
        }
        assertTrue(failed > 0, "a read reached the damaged pages (and the ones before served)");

        // From then on the project answers as quarantined, whatever the request touches.
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + tasks.get(0))
                .then().log().ifValidationFails().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("/problems/unavailable")).body("detail", containsString("quarantined"))
                .body("detail", not(containsString("malformed")));
        List<String> logged = errors.stream().map(ProjectFileDamageTest::text).filter(line -> line.contains(project)).toList();
        assertEquals(1, logged.size(), "one ERROR line names the project: " + logged);
        assertTrue(logged.get(0).contains("quarantined") && logged.get(0).contains(file.toString())
                && logged.get(0).contains("restore it from a backup"), logged.get(0));
        given().auth().oauth2(admin).when().get("/api/projects/" + project)
                .then().statusCode(200).body("schema", equalTo("QUARANTINED"));
        given().when().get("/q/health/ready").then().log().ifValidationFails().statusCode(200)
                .body("checks.find { it.name == 'project-schemas' }.data.quarantined", containsString(project));
        given().auth().oauth2(admin).when().get("/api/projects/" + other + "/tasks/" + otherTask).then().statusCode(200);
        TestApi.createTask(admin, other);

        // The admin's retry checks the pages before saying MIGRATED, and leaves the file as it is.
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().log().ifValidationFails().statusCode(503)
                .body("state", equalTo("QUARANTINED")).body("reason", containsString("quick_check"));
        assertTrue(Arrays.equals(damaged, Files.readAllBytes(file)), "the damaged file is kept as it was");

        // Restored from the backup, the project serves again after the retry.
        Files.move(backup, file, StandardCopyOption.REPLACE_EXISTING);
        given().auth().oauth2(admin).when().post("/api/admin/projects/" + project + "/migrate")
                .then().log().ifValidationFails().statusCode(200).body("state", equalTo("MIGRATED"));
        given().auth().oauth2(admin).when().get("/api/projects/" + project + "/tasks/" + tasks.get(failed))
                .then().statusCode(200);
    }

    private static long createLongTask(String token, String project) {
        Number id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "long", "description", LONG_TEXT, "phase", "PLANNER", "content", LONG_TEXT))
                .when().post("/api/projects/" + project + "/tasks")
                .then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /**
     * Overwrites two leaf pages of the tasks table from the middle of the file with bytes that are
     * no b-tree page: the header, the schema and the Flyway history stay intact.
     */
    private static void overwriteMiddleLeavesOfTasks(Path file) throws Exception {
        List<Long> leaves = new ArrayList<>();
        long pageSize;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT pageno FROM dbstat WHERE name = 'tasks' AND pagetype = 'leaf' ORDER BY pageno")) {
                while (rows.next()) {
                    leaves.add(rows.getLong(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
                rows.next();
                pageSize = rows.getLong(1);
            }
        }
        assertTrue(leaves.size() > 10, "the tasks table spans many pages: " + leaves);
        byte[] garbage = new byte[(int) pageSize];
        Arrays.fill(garbage, (byte) 0x5A);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (long page : leaves.subList(leaves.size() / 2, leaves.size() / 2 + 2)) {
                raf.seek((page - 1) * pageSize);
                raf.write(garbage);
            }
        }
    }

    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }
}
