package dev.steadfast.schema;

import dev.steadfast.datadir.UnwritableFile;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots before migrating, checks after, and restore when the checks fail. */
@QuarkusTest
class MigrationSafetyNetTest {

    /** Files these tests make; JUnit deletes them afterwards. */
    @TempDir
    Path tmp;

    @Inject
    ProjectMigrator migrator;

    @Inject
    Snapshots snapshots;

    @Test
    void shouldSnapshotANonEmptyDatabaseBeforeMigratingIt() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = projectFileAtVersion1WithATask(id);

        migrator.migrate(id, file);

        List<Path> taken = snapshotsOf(id);
        assertEquals(1, taken.size(), "one snapshot for one migration run");
        assertTrue(taken.get(0).getFileName().toString().startsWith("project-" + id + "-v1-to-v" + migrator.newestKnown()));
        assertEquals("1", query(taken.get(0), "SELECT max(version) FROM flyway_schema_history"), "the snapshot is the database before");
        assertEquals("kept", query(taken.get(0), "SELECT title FROM tasks WHERE id = 1"));
        assertEquals("kept", query(file, "SELECT title FROM tasks WHERE id = 1"), "the migrated file kept its row");
        assertEquals("0", query(file, "SELECT priority FROM tasks WHERE id = 1"));
    }

    /** Made unwritable after the boot checked it: the reason names the directory, not SQLite's CANTOPEN. */
    @Test
    void shouldNotMigrateWithoutASnapshotAndSayWhichDirectoryIsNotWritable() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = projectFileAtVersion1WithATask(id);
        Files.createDirectories(snapshots.directory());

        Exception refused;
        try (UnwritableFile unwritable = UnwritableFile.make(snapshots.directory())) {
            refused = assertThrows(Exception.class, () -> migrator.migrate(id, file));
        }

        assertTrue(refused.getMessage().contains("No snapshot of project-" + id + " could be written, so it was not migrated: "
                + snapshots.directory() + " is not a directory the service user"), refused.getMessage());
        assertEquals("1", query(file, "SELECT max(version) FROM flyway_schema_history"), "left at its version");
        assertEquals("kept", query(file, "SELECT title FROM tasks WHERE id = 1"));
    }

    @Test
    void shouldNeverOfferAHalfWrittenSnapshotAndRemoveItWithTheNextOne() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = projectFileAtVersion1WithATask(id);
        Files.createDirectories(snapshots.directory());
        // What a crash in the middle of VACUUM INTO leaves behind: a truncated file, under the name
        // of one being written.
        Path crashed = snapshots.directory().resolve(ProjectMigrator.snapshotName(id) + "-v1-to-v"
                + migrator.newestKnown() + "-20260101T000000000Z.db.partial");
        Files.write(crashed, new byte[]{'S', 'Q', 'L'});

        migrator.migrate(id, file);

        List<Path> taken = snapshotsOf(id);
        assertEquals(1, taken.size(), "only the complete snapshot is left: " + taken);
        assertTrue(taken.get(0).toString().endsWith(".db"));
        assertEquals(taken.get(0), snapshots.latest(ProjectMigrator.snapshotName(id)).orElseThrow());
        assertEquals("kept", query(taken.get(0), "SELECT title FROM tasks WHERE id = 1"));
    }

    @Test
    void shouldNotSnapshotAnUpToDateOrNewDatabase() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = Files.createTempDirectory(tmp, "fresh").resolve(id + ".db");
        migrator.create(id, file);
        migrator.migrate(id, file);
        assertEquals(0, snapshotsOf(id).size());
    }

    @Test
    void shouldRestoreTheSnapshotWhenTheMigratedDatabaseFailsItsChecks() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = projectFileAtVersion1(id);
        // A row written without foreign keys enforced (by an older tool, say): it points nowhere.
        execute(file, "INSERT INTO task_versions (id, task_id, number, content, author, created_at) "
                + "VALUES (7, 999, 1, 'orphan', 'test', 0)");

        var error = assertThrows(RuntimeException.class, () -> migrator.migrate(id, file));

        assertTrue(error.getMessage().contains("foreign key"), error.getMessage());
        assertTrue(error.getMessage().contains("restored the snapshot"), error.getMessage());
        assertEquals("1", query(file, "SELECT max(version) FROM flyway_schema_history WHERE success = 1"),
                "the file is back at the version it had");
        assertEquals("orphan", query(file, "SELECT content FROM task_versions WHERE id = 7"), "no row lost");
        assertFalse(columnExists(file, "tasks", "priority"), "no half-migrated schema");
    }

    @Test
    void shouldRestoreTheSnapshotWhenAMigrationRunWithoutATransactionFailsInsideItsSavepoint() throws Exception {
        // Shaped like project V3: foreign keys off (so Flyway runs it outside a transaction), then a
        // SAVEPOINT around the rebuild. Its first DELETE commits on its own; the failure leaves the
        // savepoint open on the connection the restore then uses.
        Path scripts = Files.createDirectories(tmp.resolve("savepoint-scripts"));
        Files.writeString(scripts.resolve("V1__rows.sql"),
                "CREATE TABLE t (x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);");
        Files.writeString(scripts.resolve("V2__fails_in_savepoint.sql"), """
                PRAGMA foreign_keys = OFF;
                DELETE FROM t WHERE x = 1;
                SAVEPOINT rebuild;
                DELETE FROM t WHERE x = 2;
                INSERT INTO no_such_table VALUES (1);
                RELEASE rebuild;
                """);
        Path file = tmp.resolve("savepoint.db");
        String name = "savepoint-test-" + UUID.randomUUID();
        flywayOver(scripts, file, name).target("1").load().migrate();

        assertThrows(RuntimeException.class, () -> flywayOver(scripts, file, name).load().migrate());

        assertEquals("3", query(file, "SELECT count(*) FROM t"), "the rows the failed migration deleted are back");
        assertEquals("1", query(file, "SELECT max(version) FROM flyway_schema_history WHERE success = 1"));
    }

    private FluentConfiguration flywayOver(Path scripts, Path file, String name) {
        return MigrationSafetyNet.around(Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("filesystem:" + scripts).mixed(true), name, MigrationVersion.fromVersion("2"), snapshots);
    }

    @Test
    void shouldKeepOnlyTheNewestSnapshotsOfADatabase() throws Exception {
        String name = "keep-test-" + UUID.randomUUID();
        Path file = Files.createTempFile(tmp, "keep", ".db");
        execute(file, "CREATE TABLE t (x INTEGER)");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (int i = 0; i < 7; i++) {
                snapshots.take(c, name, "1", "2");
                Thread.sleep(2); // distinct millisecond stamps
            }
        }
        try (Stream<Path> files = Files.list(snapshots.directory())) {
            assertEquals(5, files.filter(p -> p.getFileName().toString().startsWith(name)).count());
        }
    }

    /** A file as a version-1 release left it, holding one task titled "kept". */
    private Path projectFileAtVersion1WithATask(String id) throws Exception {
        Path file = projectFileAtVersion1(id);
        execute(file, "INSERT INTO tasks (id, title, phase, status, created_by, created_at, updated_at) "
                + "VALUES (1, 'kept', 'PLANNER', 'PENDING', 'test', 0, 0)");
        return file;
    }

    private Path projectFileAtVersion1(String id) throws Exception {
        Path file = Files.createTempDirectory(tmp, "project").resolve(id + ".db");
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("filesystem:src/main/resources/db/project").target("1").load().migrate();
        return file;
    }

    private List<Path> snapshotsOf(String id) throws Exception {
        if (!Files.isDirectory(snapshots.directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(snapshots.directory())) {
            return files.filter(p -> p.getFileName().toString().startsWith("project-" + id)).toList();
        }
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static boolean columnExists(Path file, String table, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rows = c.createStatement().executeQuery("SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'")) {
            return rows.next();
        }
    }
}
