package dev.steadfast.project;

import dev.steadfast.LogCapture;
import dev.steadfast.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating a project's file never touches a file that is already there: the service never deletes
 * one. A new file is built under an unfinished name and put in place whole, so what a crash cuts
 * short is recognisable, and removed at the next boot.
 */
@QuarkusTest
class ProjectFileCreationTest {

    @Inject
    ProjectFiles files;

    @Inject
    ProjectDatabases databases;

    @Inject
    UnregisteredProjectFiles bootCheck;

    @Inject
    dev.steadfast.schema.ProjectMigrator migrator;

    @Test
    void shouldRefuseToCreateAFileThatExistsAndKeepItAsItWas() throws Exception {
        String token = TestApi.adminToken();
        String project = TestApi.createProject(token);
        databases.close(project);
        Path file = files.file(project);
        byte[] before = Files.readAllBytes(file);

        assertThrows(IllegalStateException.class, () -> files.create(project, "again", null, "admin", Instant.now()));

        assertArrayEquals(before, Files.readAllBytes(file), "the existing file is kept byte for byte");
        given().auth().oauth2(token).when().get("/api/projects/" + project + "/tasks")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldBuildANewFileUnderAnUnfinishedNameAndPutItInPlaceOnlyWhenWhole() throws Exception {
        String project = UUID.randomUUID().toString();
        List<String> created = new ArrayList<>();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            files.directory().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            files.create(project, "watched", null, "admin", Instant.now());
            WatchKey key; // the watcher's events arrive on a thread of their own: wait for them a little
            while (!created.contains(project + ".db") && (key = watcher.poll(5, TimeUnit.SECONDS)) != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() != null && event.context().toString().startsWith(project)) {
                        created.add(event.context().toString());
                    }
                }
                key.reset();
            }
        }
        try {
            assertEquals(project + ".db.unfinished", created.get(0), "built under its unfinished name: " + created);
            assertTrue(created.contains(project + ".db"), "then put in place: " + created);
            try (var entries = Files.list(files.directory())) {
                assertEquals(List.of(), entries.map(path -> path.getFileName().toString())
                        .filter(name -> name.startsWith(project + ".db.unfinished")).toList(), "nothing unfinished is left");
            }
            try (Connection db = DriverManager.getConnection(migrator.jdbcUrl(files.file(project)));
                 ResultSet row = db.createStatement().executeQuery("SELECT name FROM project")) {
                assertTrue(row.next());
                assertEquals("watched", row.getString(1), "the file in place is whole: it holds its project row");
            }
        } finally {
            files.removeFailedCreation(project); // never registered
        }
    }

    @Test
    void shouldRemoveAtBootOnlyWhatCreationsCutShortByACrashLeft() throws Exception {
        String token = TestApi.adminToken();
        String registered = TestApi.createProject(token);
        String cutShort = UUID.randomUUID().toString();
        Path unfinished = files.directory().resolve(cutShort + ".db.unfinished");
        Path itsJournal = files.directory().resolve(cutShort + ".db.unfinished-journal");
        Path copiedIn = files.directory().resolve(UUID.randomUUID() + ".db");
        Files.write(unfinished, new byte[4096]);
        Files.write(itsJournal, new byte[512]);
        Files.write(copiedIn, new byte[4096]);
        List<LogRecord> records;
        try (LogCapture log = LogCapture.of(record -> true)) {
            bootCheck.onStart(null);
            records = List.copyOf(log.records());
        } finally {
            Files.deleteIfExists(copiedIn);
        }

        assertFalse(Files.exists(unfinished), "the unfinished file is removed");
        assertFalse(Files.exists(itsJournal), "with its side file");
        List<String> logged = records.stream().map(r -> r.getMessage() + " " + Arrays.toString(r.getParameters())).toList();
        assertTrue(logged.stream().anyMatch(line -> line.contains("a crash cut short") && line.contains(cutShort)),
                "the removal is logged, naming the project: " + logged);
        assertTrue(logged.stream().anyMatch(line -> line.contains("belong to no project of the catalog")
                && line.contains(copiedIn.getFileName().toString().replace(".db", ""))),
                "a file under a project's own name is only named, never removed: " + logged);
        given().auth().oauth2(token).when().get("/api/projects/" + registered + "/tasks")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
