package dev.steadfast.schema;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The boot's fast path trusts a project file only when its history is exactly what this build's
 * Flyway would have written; every other file still goes through Flyway, which validates it.
 */
@QuarkusTest
class ProjectMigratorFastPathTest {

    /** Files these tests make; JUnit deletes them afterwards. */
    @TempDir
    Path tmp;

    @Inject
    ProjectMigrator migrator;

    @Test
    void shouldRecogniseAFileMigratedByThisBuildAsUpToDate() throws Exception {
        Path file = migratedFile();
        assertTrue(migrator.isUpToDate(file));
    }

    @Test
    void shouldNotTrustAFileWhoseRecordedChecksumDiffersAndFlywayStillRefusesIt() throws Exception {
        Path file = migratedFile();
        execute(file, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertFalse(migrator.isUpToDate(file), "an altered checksum is never fast-pathed");
        var error = assertThrows(RuntimeException.class, () -> migrator.migrate(UUID.randomUUID().toString(), file));
        assertTrue(error.getMessage().toLowerCase().contains("checksum"), error.getMessage());
    }

    @Test
    void shouldNotTrustAnAlteredDescriptionOrScript() throws Exception {
        Path renamed = migratedFile();
        execute(renamed, "UPDATE flyway_schema_history SET description = 'something else' WHERE version = '1'");
        assertFalse(migrator.isUpToDate(renamed));

        Path moved = migratedFile();
        execute(moved, "UPDATE flyway_schema_history SET script = 'V1__other.sql' WHERE version = '1'");
        assertFalse(migrator.isUpToDate(moved));
    }

    @Test
    void shouldMigrateAFileOneVersionBehindAndTrustItAfterwards() throws Exception {
        Path file = fileAt(String.valueOf(Integer.parseInt(migrator.newestKnown().getVersion()) - 1));

        assertFalse(migrator.isUpToDate(file), "a pending migration is not up to date");
        assertEquals(1, migrator.migrate(UUID.randomUUID().toString(), file));
        assertTrue(migrator.isUpToDate(file));
    }

    @Test
    void shouldNotTrustAFailedRowOrAVersionThisBuildDoesNotKnow() throws Exception {
        Path failed = migratedFile();
        execute(failed, "UPDATE flyway_schema_history SET success = 0 WHERE installed_rank = "
                + "(SELECT max(installed_rank) FROM flyway_schema_history)");
        assertFalse(migrator.isUpToDate(failed));

        Path newer = fileWithAFutureVersion(true);
        assertFalse(migrator.isUpToDate(newer));
        var error = assertThrows(RuntimeException.class, () -> migrator.migrate(UUID.randomUUID().toString(), newer));
        assertTrue(error.getMessage().contains("newer Steadfast release"), error.getMessage());
        // The service starts all the same: the project, not the service, is refused.
        assertTrue(error.getMessage().contains("Refusing to serve this project (it is quarantined) and leaving the file"
                + " unchanged"), error.getMessage());
        assertFalse(error.getMessage().contains("Refusing to start"), error.getMessage());
    }

    /** Not Flyway's "repair" advice, which would let this older build run on the newer schema. */
    @Test
    void shouldRefuseAFailedMigrationOfANewerReleaseAsNewerAndLeaveTheFileAlone() throws Exception {
        Path newer = fileWithAFutureVersion(false);
        byte[] content = Files.readAllBytes(newer);

        var error = assertThrows(RuntimeException.class, () -> migrator.migrate(UUID.randomUUID().toString(), newer));

        String next = futureVersion();
        assertTrue(error.getMessage().contains("holds a failed migration to schema version " + next
                + ", written by a newer Steadfast release"), error.getMessage());
        assertArrayEquals(content, Files.readAllBytes(newer));
    }

    private String futureVersion() {
        return String.valueOf(Integer.parseInt(migrator.newestKnown().getVersion()) + 1);
    }

    private Path fileWithAFutureVersion(boolean succeeded) throws Exception {
        Path file = migratedFile();
        String next = futureVersion();
        execute(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, installed_on, execution_time, success) VALUES (99, '" + next + "', 'future', 'SQL', 'V"
                + next + "__future.sql', 1, 'test', '2030-01-01 00:00:00', 1, " + (succeeded ? 1 : 0) + ")");
        return file;
    }

    @Test
    void shouldNotTrustAFileWithoutHistoryOrOneThatIsNotADatabase() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "fast-path");
        Path noHistory = dir.resolve("no-history.db");
        execute(noHistory, "CREATE TABLE tasks (id INTEGER PRIMARY KEY)");
        assertFalse(migrator.isUpToDate(noHistory));

        Path garbage = dir.resolve("garbage.db");
        Files.write(garbage, new byte[4096]);
        assertFalse(migrator.isUpToDate(garbage));

        assertFalse(migrator.isUpToDate(dir.resolve("missing.db")));
        assertFalse(Files.exists(dir.resolve("missing.db")), "checking never creates a file");
    }

    @Test
    void shouldNeverCreateAMissingFileWhenConnectingOrMigrating() throws Exception {
        Path missing = Files.createTempDirectory(tmp, "missing").resolve(UUID.randomUUID() + ".db");

        assertThrows(SQLException.class, () -> DriverManager.getConnection(migrator.jdbcUrl(missing)).close());
        assertThrows(RuntimeException.class, () -> migrator.migrate(UUID.randomUUID().toString(), missing));

        assertFalse(Files.exists(missing), "a vanished project file must not come back as an empty database");
    }

    @Test
    void shouldCheckAFileAtRestWithoutLeavingSideFilesEvenUnderADirectoryNamedWithUriCharacters() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("odd #%20 name"));
        Path file = dir.resolve(UUID.randomUUID() + ".db");
        String owner = UUID.randomUUID().toString();
        migrator.create(owner, file);
        execute(file, "INSERT INTO project (id, name, created_by, created_at, updated_at) VALUES ('" + owner + "', 'p', 'a', 1, 1)");
        assertTrue(Files.notExists(Path.of(file + "-wal")) || Files.size(Path.of(file + "-wal")) == 0, "the file is at rest");

        ProjectMigrator.FileCheck check = migrator.check(file);

        assertTrue(check.upToDate());
        assertEquals(Optional.of(owner), check.owner());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList(),
                    "no -wal or -shm file is made by checking");
        }
    }

    @Test
    void shouldReadWhatAWriteAheadLogHoldsAfterACrash() throws Exception {
        Path file = migratedFile();
        String owner = UUID.randomUUID().toString();
        // A connection that never checkpoints and is still open: the row is only in the -wal file, as
        // after a crash.
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL");
             Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.executeUpdate("INSERT INTO project (id, name, created_by, created_at, updated_at) VALUES ('"
                    + owner + "', 'p', 'a', 1, 1)");
            assertTrue(Files.size(Path.of(file + "-wal")) > 0, "the row is in the log");

            assertEquals(Optional.of(owner), migrator.check(file).owner(), "a check that skipped the log would see no owner");
        }
    }

    private Path migratedFile() throws Exception {
        Path file = Files.createTempDirectory(tmp, "fast-path").resolve(UUID.randomUUID() + ".db");
        migrator.create(UUID.randomUUID().toString(), file);
        return file;
    }

    /** A project file as an older release left it: migrated by plain Flyway up to {@code version}. */
    private Path fileAt(String version) throws Exception {
        Path file = Files.createTempDirectory(tmp, "fast-path").resolve(UUID.randomUUID() + ".db");
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("filesystem:src/main/resources/db/project").mixed(true).target(version).load().migrate();
        return file;
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
