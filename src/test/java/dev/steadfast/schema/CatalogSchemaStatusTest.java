package dev.steadfast.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness reads the catalog's schema state from one query of the history table instead of
 * {@code flyway.info()}; these histories must give the same figures Flyway's info gives.
 */
class CatalogSchemaStatusTest {

    private static final String TABLE = "flyway_schema_history";
    private final MigrationIndex index = MigrationIndex.load(CatalogFlywayCustomizer.SET);

    @TempDir
    Path dir;

    @Test
    void shouldMatchFlywayForAnEmptyDatabase() throws Exception {
        Path file = dir.resolve("empty.db");
        CatalogSchema.Status status = assertSameAsFlyway(file);
        assertEquals("none", status.version());
        assertEquals(index.files().size(), status.pending());
    }

    @Test
    void shouldMatchFlywayForAFullyMigratedDatabase() throws Exception {
        Path file = dir.resolve("full.db");
        flyway(file).load().migrate();
        CatalogSchema.Status status = assertSameAsFlyway(file);
        assertTrue(status.upToDate());
        assertEquals(index.files().size(), status.applied());
    }

    @Test
    void shouldMatchFlywayForADatabaseBehind() throws Exception {
        Path file = dir.resolve("behind.db");
        flyway(file).target("2").load().migrate();
        CatalogSchema.Status status = assertSameAsFlyway(file);
        assertEquals("2", status.version());
        assertFalse(status.upToDate());
    }

    @Test
    void shouldMatchFlywayForAFailedRow() throws Exception {
        Path file = dir.resolve("failed.db");
        flyway(file).load().migrate();
        execute(file, "UPDATE " + TABLE + " SET success = 0 WHERE installed_rank = (SELECT max(installed_rank) FROM " + TABLE + ")");
        CatalogSchema.Status status = assertSameAsFlyway(file);
        assertEquals(1, status.failed());
        assertFalse(status.upToDate());
    }

    @Test
    void shouldMatchFlywayForAVersionNewerThanThisBuild() throws Exception {
        Path file = dir.resolve("newer.db");
        flyway(file).load().migrate();
        String next = String.valueOf(Integer.parseInt(index.newest().getVersion()) + 1);
        insertRow(file, 99, next, 1);
        CatalogSchema.Status status = assertSameAsFlyway(file);
        assertEquals(next, status.version());
        assertFalse(status.upToDate());

        insertRow(file, 100, String.valueOf(Integer.parseInt(next) + 1), 0);
        assertSameAsFlyway(file);
    }

    @Test
    void shouldMatchFlywayForAGapBelowTheCurrentVersion() throws Exception {
        Path file = dir.resolve("gap.db");
        flyway(file).load().migrate();
        execute(file, "DELETE FROM " + TABLE + " WHERE version = '2'");
        assertSameAsFlyway(file);
    }

    private CatalogSchema.Status assertSameAsFlyway(Path file) throws SQLException {
        CatalogSchema.Status expected = fromFlywayInfo(flyway(file).load().info());
        CatalogSchema.Status actual;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            actual = CatalogSchema.status(CatalogSchema.history(connection, TABLE), index);
        }
        assertEquals(expected, actual);
        return actual;
    }

    /** How the status was computed before: from Flyway's info service. */
    private CatalogSchema.Status fromFlywayInfo(MigrationInfoService info) {
        MigrationInfo current = info.current();
        int failed = (int) Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
        int applied = (int) Arrays.stream(info.applied()).filter(m -> m.getState() == MigrationState.SUCCESS).count();
        return new CatalogSchema.Status(current == null ? "none" : current.getVersion().getVersion(),
                index.newest().getVersion(), applied, info.pending().length, failed);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(Path file) {
        return Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:db/" + CatalogFlywayCustomizer.SET)
                .mixed(true)
                .ignoreMigrationPatterns(new String[0]);
    }

    private static void insertRow(Path file, int rank, String version, int success) throws SQLException {
        execute(file, "INSERT INTO " + TABLE + " (installed_rank, version, description, type, script, checksum, "
                + "installed_by, installed_on, execution_time, success) VALUES (" + rank + ", '" + version
                + "', 'future', 'SQL', 'V" + version + "__future.sql', 1, 'test', '2030-01-01 00:00:00', 1, " + success + ")");
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
