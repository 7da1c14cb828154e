package dev.steadfast.it;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steadfast.it.ServiceProcess.env;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A pod killed (SIGKILL: no shutdown hook, no cleanup) while it migrates a large project file,
 * once inside a transactional migration (V2 adds a NOT NULL column and indexes it) and once inside
 * the table rebuild that runs outside Flyway's transaction (V3, SQLite's 12-step procedure). After
 * each kill the file is at the last fully applied version with every row; the next boot completes
 * the migration and serves every task.
 */
class CrashDuringMigrationIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final String PASSWORD = "crash-admin-" + UUID.randomUUID().toString().substring(0, 8);
    /** Large enough that each migration takes far longer than noticing its log line and killing. */
    private static final long TASKS = 400_000;

    @Test
    void killedInsideEitherKindOfMigrationTheNextBootCompletesItWithEveryRow() throws IOException {
        Path dataDir = ServiceProcess.newDirectory("crash").resolve("data");
        String projectId;
        try (ServiceProcess service = ServiceProcess.start("crash-setup", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))
                .awaitReady(Duration.ofSeconds(60))) {
            Api api = new Api(service);
            projectId = api.as(api.token("admin", PASSWORD)).contentType(ContentType.JSON)
                    .body(Map.of("name", "large and old")).when().post("/api/projects")
                    .then().log().ifValidationFails().statusCode(201).extract().path("id");
            service.stop();
        }
        SqliteFile project = replaceWithALargeVersion1File(dataDir, projectId);

        // Killed while V2 (one transaction) runs: SQLite rolls it back, the file is at version 1.
        // V2 takes well under a second here: should the kill land after its commit (a stalled test
        // JVM), the version-1 file is put back and the kill tried again, so the claim is still tested.
        for (int attempt = 1; ; attempt++) {
            killWhileMigrating(dataDir, "crash-in-v2", "project " + projectId + ": applying migration 2 (task priority)");
            if (attempt == 3 || project.appliedVersions().equals(List.of("1"))) {
                break;
            }
            project = replaceWithALargeVersion1File(dataDir, projectId);
        }
        assertEquals(List.of("1"), project.appliedVersions(), "V2 was interrupted, so it is not recorded");
        assertEquals(TASKS, project.number("SELECT count(*) FROM tasks"));

        // The next boot applies V2, and is killed inside V3's rebuild, which runs outside Flyway's
        // transaction: its own SAVEPOINT makes the copy all or nothing.
        killWhileMigrating(dataDir, "crash-in-v3", "project " + projectId + ": applying migration 3 (task status blocked)");
        assertEquals(List.of("1", "2"), project.appliedVersions(), "V3 was interrupted, so it is not recorded");
        assertEquals(TASKS, project.number("SELECT count(*) FROM tasks"));
        assertEquals(TASKS, project.number("SELECT count(*) FROM tasks WHERE priority = 0"), "V2 gave every task its default");

        try (ServiceProcess service = ServiceProcess.start("crash-recovered", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))
                .awaitReady(BOOT)) {
            Api api = new Api(service);
            String token = api.token("admin", PASSWORD);
            api.as(token).queryParam("size", 1).when().get("/api/projects/" + projectId + "/tasks")
                    .then().log().ifValidationFails().statusCode(200).body("total", equalTo((int) TASKS));
            api.as(token).when().get("/api/projects/" + projectId + "/tasks/" + TASKS)
                    .then().log().ifValidationFails().statusCode(200).body("title", equalTo("task " + TASKS));
            service.stop();
        }
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), project.appliedVersions());
        assertEquals(TASKS, project.number("SELECT count(*) FROM tasks"));
        assertEquals("ok", project.value("PRAGMA integrity_check"));
        assertEquals(List.of(), project.query("PRAGMA foreign_key_check"));
    }

    /** Boots, waits until the log announces the migration, and kills the process at once. */
    private static void killWhileMigrating(Path dataDir, String name, String announcement) {
        try (ServiceProcess service = ServiceProcess.start(name, dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            service.awaitLog(announcement, BOOT);
            service.kill();
        }
    }

    /**
     * The project's file as a release at schema version 1 left it, with many tasks: made with the
     * version-1 migration, then filled with a statement per table (every task has its first version).
     */
    private static SqliteFile replaceWithALargeVersion1File(Path dataDir, String projectId) throws IOException {
        SqliteFile project = SqliteFile.project(dataDir, projectId);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(project.path() + suffix));
        }
        SqliteFile.loose(project.path()).migratedTo("project", "1");
        project.execute(
                "INSERT INTO project (id, name, created_by, created_at, updated_at) "
                        + "VALUES ('" + projectId + "', 'large and old', 'admin', 1700000000000, 1700000000000)",
                "INSERT INTO control_state (id, paused, max_attempts, updated_at) VALUES (1, 0, 3, 1700000000000)",
                "BEGIN", // tasks and their versions refer to each other: one transaction for both
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + TASKS + ") "
                        + "INSERT INTO tasks (id, title, phase, status, active_version_id, created_by, created_at, updated_at) "
                        + "SELECT i, 'task ' || i, 'PLANNER', 'PENDING', i, 'admin', 1700000000000 + i, 1700000000000 + i FROM n",
                "INSERT INTO task_versions (id, task_id, number, content, author, created_at) "
                        + "SELECT id, id, 1, 'content of ' || title, 'admin', created_at FROM tasks",
                "COMMIT");
        return project;
    }
}
