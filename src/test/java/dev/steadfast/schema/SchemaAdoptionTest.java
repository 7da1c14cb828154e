package dev.steadfast.schema;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Databases made without migration history are adopted at the version they match, or refused untouched. */
@QuarkusTest
class SchemaAdoptionTest {

    /** Files these tests make; JUnit deletes them afterwards. */
    @TempDir
    Path tmp;

    @Inject
    SchemaAdoption adoption;

    @Inject
    ProjectMigrator migrator;

    @Test
    void shouldAdoptAProjectFileMadeByRunningTheScriptsByHandAndMigrateTheRest() throws Exception {
        Path file = fileFromScripts("V1__workflow.sql", "V2__task_priority.sql");
        execute(file, "INSERT INTO tasks (id, title, phase, status, created_by, created_at, updated_at, priority) "
                + "VALUES (1, 'from before', 'CODER', 'IN_PROGRESS', 'old-tool', 0, 0, 4)");

        assertEquals("2", adoption.adoptIfNeeded(ProjectMigrator.SET, "project test", file).orElseThrow().getVersion());
        migrator.migrate(UUID.randomUUID().toString(), file);

        assertEquals("from before|4", query(file, "SELECT title || '|' || priority FROM tasks WHERE id = 1"));
        // Baselined at 2, then every later migration applied as SQL: nothing before 2 was rerun.
        assertEquals("BASELINE@2,SQL@3,SQL@4", query(file,
                "SELECT group_concat(type || '@' || version) FROM (SELECT type, version FROM flyway_schema_history ORDER BY installed_rank)"));
        assertEquals(migrator.newestKnown().getVersion(), query(file, "SELECT max(version) FROM flyway_schema_history"));
    }

    @Test
    void shouldLeaveANewOrAlreadyManagedFileAlone() throws Exception {
        Path fresh = Files.createTempDirectory(tmp, "adopt").resolve("fresh.db");
        assertTrue(adoption.adoptIfNeeded(ProjectMigrator.SET, "fresh", fresh).isEmpty());
        migrator.create(UUID.randomUUID().toString(), fresh);
        assertTrue(adoption.adoptIfNeeded(ProjectMigrator.SET, "managed", fresh).isEmpty());
    }

    @Test
    void shouldRefuseASchemaThatMatchesNoVersionAndLeaveTheFileUnchanged() throws Exception {
        Path file = fileFromScripts("V1__workflow.sql");
        execute(file, "ALTER TABLE tasks ADD COLUMN colour TEXT");
        String before = sha256(file);

        var error = assertThrows(SchemaMismatchException.class,
                () -> adoption.adoptIfNeeded(ProjectMigrator.SET, "project odd", file));

        assertTrue(error.getMessage().contains("Closest is version 1"), error.getMessage());
        assertTrue(error.getMessage().contains("tasks: unexpected column colour TEXT"), error.getMessage());
        assertEquals(before, sha256(file), "the file is byte-for-byte unchanged");
    }

    private Path fileFromScripts(String... scripts) throws Exception {
        Path file = Files.createTempDirectory(tmp, "adopt").resolve("project.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String script : scripts) {
                String sql = Files.readString(Path.of("src/main/resources/db/project", script)).replaceAll("(?m)--.*$", "");
                for (String statement : sql.split(";")) {
                    if (!statement.isBlank()) {
                        s.executeUpdate(statement);
                    }
                }
            }
        }
        return file;
    }

    private static void execute(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String query(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
