package dev.steadfast.it;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steadfast.it.ServiceProcess.env;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Project files across a restart of the packaged service: the projects and their workflow data are
 * there after it; a project file that cannot be opened is quarantined (its endpoints answer 503,
 * the other project serves, readiness stays UP and lists it); and once the operator repairs the
 * file, the admin's retry brings it back without a restart.
 */
class ProjectFilesIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final String PASSWORD = "projects-admin-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void projectsSurviveARestartAndAnUnreadableFileIsQuarantinedUntilTheRetryAfterItsRepair() throws IOException {
        Path dataDir = ServiceProcess.newDirectory("project-files").resolve("data");
        String healthy;
        String damaged;
        long healthyTask;
        long damagedTask;
        try (ServiceProcess service = boot("projects-boot1", dataDir)) {
            Api api = new Api(service);
            String token = api.token("admin", PASSWORD);
            healthy = createProject(api, token, "healthy");
            damaged = createProject(api, token, "damaged");
            healthyTask = createTask(api, token, healthy, "survives restarts");
            damagedTask = createTask(api, token, damaged, "waits for its repair");
            // A second version, so the restart has more than the first row of each table to keep.
            api.as(token).contentType(ContentType.JSON).body(Map.of("content", "second draft"))
                    .when().patch("/api/projects/" + healthy + "/tasks/" + healthyTask)
                    .then().log().ifValidationFails().statusCode(200).body("version", equalTo(2));
            service.stop();
            // One line per project created; Flyway's lines are the catalog's alone, not ten more per file.
            String log = service.log();
            assertTrue(log.contains("project " + healthy + " created by admin"), "the creation is logged\n" + service.logTail());
            assertEquals(1, occurrences(log, "Successfully applied"), "Flyway's lines are about the catalog only\n"
                    + service.logTail());
            assertFalse(log.contains("belong to no project"), "every file is registered\n" + service.logTail());
        }

        // A file the catalog does not register (a catalog restored from a backup older than its
        // project, say): not served, named at every boot, left as it is.
        String unregistered = UUID.randomUUID().toString();
        Path unregisteredFile = dataDir.resolve("projects").resolve(unregistered + ".db");
        Files.copy(dataDir.resolve("projects").resolve(healthy + ".db"), unregisteredFile);
        String unregisteredBytes = CatalogDb.sha256(unregisteredFile);

        // The damaged file's header is overwritten: SQLite no longer recognizes it as a database.
        Path damagedFile = dataDir.resolve("projects").resolve(damaged + ".db");
        byte[] original = Files.readAllBytes(damagedFile);
        byte[] garbled = original.clone();
        byte[] noise = "this is no database, sorry".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(noise, 0, garbled, 0, noise.length);
        Files.write(damagedFile, garbled);

        try (ServiceProcess service = boot("projects-boot2", dataDir)) {
            Api api = new Api(service);
            String token = api.token("admin", PASSWORD);

            // Everything written before the restart is there.
            api.as(token).when().get("/api/projects/" + healthy + "/tasks/" + healthyTask)
                    .then().log().ifValidationFails().statusCode(200)
                    .body("title", equalTo("survives restarts")).body("version", equalTo(2))
                    .body("content", equalTo("second draft"));
            api.as(token).when().get("/api/projects/" + healthy + "/tasks/" + healthyTask + "/versions")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("total", equalTo(2)).body("items.number", equalTo(List.of(1, 2)));
            api.as(token).when().get("/api/projects/" + healthy + "/tasks/" + healthyTask + "/versions/1")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("content", equalTo("first draft"));
            api.as(token).when().get("/api/projects")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("total", equalTo(2)).body("items.name", hasItem("damaged"));

            // The damaged project is quarantined: 503, never a 500 or an empty list; the reason is for
            // admins (the driver's words and paths stay out of what every caller sees).
            api.as(token).when().get("/api/projects/" + damaged + "/tasks")
                    .then().log().ifValidationFails().statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .body("detail", containsString("quarantined"))
                    .body("detail", not(containsString("not a database")));
            api.as(token).when().get("/api/admin/schema")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("projects.find { it.name == 'project " + damaged + "' }.state", equalTo("quarantined"))
                    .body("projects.find { it.name == 'project " + damaged + "' }.reason", containsString("not a database"))
                    // the boot's reason names the file and the way out, as a request's finding does
                    .body("projects.find { it.name == 'project " + damaged + "' }.reason",
                            containsString("project file " + damagedFile + " is damaged (SQLite: [SQLITE_NOTADB]"))
                    .body("projects.find { it.name == 'project " + damaged + "' }.reason",
                            containsString("restore it from a backup, then retry with POST /api/admin/projects/"
                                    + damaged + "/migrate"));
            // Readiness stays UP (the other project serves) and names the quarantined file.
            api.health("ready").statusCode(200)
                    .body(Api.check("project-schemas") + ".status", equalTo("UP"))
                    .body(Api.check("project-schemas") + ".data.quarantined", equalTo(damaged));
            // The healthy project keeps taking writes meanwhile.
            createTask(api, token, healthy, "written while the other is quarantined");

            // A retry before the repair changes nothing.
            api.as(token).when().post("/api/admin/projects/" + damaged + "/migrate")
                    .then().log().ifValidationFails().statusCode(503).body("state", equalTo("QUARANTINED"));
            assertTrue(Arrays.equals(garbled, Files.readAllBytes(damagedFile)), "a failed retry must not touch the file");

            // The operator puts the good bytes back (from a backup, say) and asks for a retry.
            Files.write(damagedFile, original);
            api.as(token).when().post("/api/admin/projects/" + damaged + "/migrate")
                    .then().log().ifValidationFails().statusCode(200).body("state", equalTo("MIGRATED"));
            api.as(token).when().get("/api/projects/" + damaged + "/tasks/" + damagedTask)
                    .then().log().ifValidationFails().statusCode(200).body("title", equalTo("waits for its repair"));
            createTask(api, token, damaged, "written after the repair");
            api.health("ready").statusCode(200)
                    .body(Api.check("project-schemas") + ".data.quarantined", not(containsString(damaged)));
            service.stop();
            assertTrue(service.log().contains("project " + damaged + " quarantined"), "the quarantine is logged\n"
                    + service.logTail());
            assertTrue(service.log().lines().anyMatch(line -> line.contains("INFO") && line.contains("project " + damaged
                    + " back in service after the admin's retry (was quarantined: project file " + damagedFile
                    + " is damaged")), "the retry that lifted the quarantine is logged\n" + service.logTail());
            String named = "1 file(s) in " + dataDir.resolve("projects") + " belong to no project of the catalog ("
                    + unregistered + ")";
            assertTrue(service.log().lines().anyMatch(line -> line.contains(named) && line.contains("WARN")),
                    service.logTail());
        }
        assertEquals(unregisteredBytes, CatalogDb.sha256(unregisteredFile), "an unregistered file is left as it is");
        assertEquals(2L, SqliteFile.project(dataDir, healthy).number("SELECT count(*) FROM tasks"));
        assertEquals(2L, SqliteFile.project(dataDir, damaged).number("SELECT count(*) FROM tasks"));

        // The same data directory, its catalog damaged where the boot does not read (the projects
        // table's root page).
        catalogDamagedBeyondWhatTheBootReads(dataDir, healthy);
    }

    /**
     * A request that meets a damaged catalog answers 503 (an operator must restore it), not a 500
     * with an incident; readiness turns DOWN (a restart would not help, so liveness stays UP) and one
     * ERROR names the file and the way out.
     */
    private static void catalogDamagedBeyondWhatTheBootReads(Path dataDir, String projectId) throws IOException {
        SqliteFile catalog = SqliteFile.catalog(dataDir);
        long pageSize = catalog.number("PRAGMA page_size");
        long rootPage = catalog.number("SELECT rootpage FROM sqlite_master WHERE name = 'projects'");
        byte[] noise = new byte[(int) pageSize];
        new java.util.Random(7).nextBytes(noise);
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(catalog.path().toFile(), "rw")) {
            file.seek((rootPage - 1) * pageSize);
            file.write(noise);
        }
        try (ServiceProcess service = boot("projects-boot3", dataDir)) {
            Api api = new Api(service);
            String token = api.token("admin", PASSWORD);
            for (String path : List.of("/api/projects", "/api/projects/" + projectId)) {
                api.as(token).when().get(path)
                        .then().log().ifValidationFails().statusCode(503)
                        .body("type", equalTo("/problems/unavailable"))
                        .body("detail", containsString("catalog is damaged"));
            }
            api.health("ready").statusCode(503)
                    .body(Api.check("catalog-schema") + ".status", equalTo("DOWN"))
                    .body(Api.check("catalog-schema") + ".data.error", containsString("is damaged"));
            api.health("live").statusCode(200);
            service.stop();
            String named = "the catalog " + catalog.path() + " is damaged (SQLite: [SQLITE_CORRUPT";
            assertEquals(1, service.log().lines().filter(line -> line.contains(named) && line.contains("ERROR")).count(),
                    "one ERROR names the catalog\n" + service.logTail());
            assertFalse(service.log().contains("Unexpected failure"), service.logTail());
        }
    }

    /**
     * A catalog emptied (0 bytes) or lost beside existing project files looks like a first install:
     * a new catalog is made and the files are not registered in it. The boot says so in a WARN with
     * the way out, and leaves the files exactly as they are.
     */
    @Test
    void projectFilesBesideAnEmptiedOrMissingCatalogAreReportedAtBootAndLeftAsTheyAre() throws IOException {
        Path dataDir = ServiceProcess.newDirectory("project-files-new-catalog").resolve("data");
        String project;
        try (ServiceProcess service = boot("before-the-loss", dataDir)) {
            Api api = new Api(service);
            project = createProject(api, api.token("admin", PASSWORD), "left behind");
            service.stop();
        }
        Path file = dataDir.resolve("projects").resolve(project + ".db");
        String bytes = CatalogDb.sha256(file);
        Path catalog = CatalogDb.file(dataDir);

        Files.write(catalog, new byte[0]); // emptied: a failed copy, or `> steadfast.db`
        assertNewCatalogReported("emptied-catalog", dataDir, catalog + " is empty (0 bytes)");
        Files.delete(catalog); // and lost
        assertNewCatalogReported("missing-catalog", dataDir, catalog + " is missing");

        assertEquals(bytes, CatalogDb.sha256(file), "the project file is left byte for byte as it was");
    }

    private static void assertNewCatalogReported(String name, Path dataDir, String catalogState) throws IOException {
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(Path.of(CatalogDb.file(dataDir) + suffix));
        }
        try (ServiceProcess service = boot(name, dataDir)) {
            Api api = new Api(service);
            api.as(api.token("admin", PASSWORD)).when().get("/api/projects")
                    .then().log().ifValidationFails().statusCode(200).body("total", equalTo(0));
            service.stop();
            String warning = service.log().lines().filter(line -> line.contains("The catalog " + catalogState))
                    .findFirst().orElse("");
            assertTrue(warning.contains("WARN") && warning.contains(", so a new one is created, but 1 project file exists in "
                    + dataDir.resolve("projects") + " and is not registered in it"), service.logTail());
            assertTrue(warning.contains("restore"), "the warning says what to do: " + warning);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static ServiceProcess boot(String name, Path dataDir) {
        return ServiceProcess.start(name, dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD)).awaitReady(BOOT);
    }

    private static String createProject(Api api, String token, String name) {
        return api.as(token).contentType(ContentType.JSON).body(Map.of("name", name))
                .when().post("/api/projects")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static long createTask(Api api, String token, String projectId, String title) {
        Number id = api.as(token).contentType(ContentType.JSON)
                .body(Map.of("title", title, "phase", "PLANNER", "content", "first draft"))
                .when().post("/api/projects/" + projectId + "/tasks")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
        return id.longValue();
    }
}
