package dev.steadfast.datadir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A catalog transaction that could not begin (another writer kept the lock past the busy timeout)
 * runs nothing: every statement and the commit fail as "busy", where the plain driver went on in
 * auto-commit mode and stored each statement on its own.
 */
class CatalogSqliteDriverTest {

    @TempDir
    Path dir;

    @Test
    void shouldRunNothingOfATransactionThatCouldNotBegin() throws Exception {
        String url = catalogWithATable();
        CatalogSqliteDriver.beginAsWriters(true); // as after the boot steps
        try (Connection writer = DriverManager.getConnection(url);
             Connection catalog = new CatalogSqliteDriver().connect(url, withShortBusyTimeout())) {
            holdTheWriteLock(writer);

            assertThrows(SQLException.class, () -> catalog.setAutoCommit(false));
            SQLiteException statement = assertThrows(SQLiteException.class,
                    () -> catalog.prepareStatement("INSERT INTO t VALUES (2)"));
            assertEquals(SQLiteErrorCode.SQLITE_BUSY, statement.getResultCode());
            assertThrows(SQLiteException.class, () -> catalog.createStatement());
            SQLiteException commit = assertThrows(SQLiteException.class, catalog::commit);
            assertEquals(SQLiteErrorCode.SQLITE_BUSY, commit.getResultCode());
            catalog.rollback();
            catalog.setAutoCommit(true);

            writer.rollback();
            catalog.setAutoCommit(false); // the next transaction begins normally
            try (Statement insert = catalog.createStatement()) {
                insert.execute("INSERT INTO t VALUES (3)");
            }
            catalog.commit();
            catalog.setAutoCommit(true);
            try (Statement select = catalog.createStatement();
                 ResultSet rows = select.executeQuery("SELECT group_concat(v) FROM t")) {
                rows.next();
                assertEquals("3", rows.getString(1), "only the transaction that began stored anything");
            }
        } finally {
            CatalogSqliteDriver.beginAsWriters(false);
        }
    }

    @Test
    void shouldBeginAsAReaderDuringTheBootSoThatAnotherProcessesLockDoesNotStopIt() throws Exception {
        String url = catalogWithATable();
        try (Connection writer = DriverManager.getConnection(url);
             Connection catalog = new CatalogSqliteDriver().connect(url, withShortBusyTimeout())) {
            holdTheWriteLock(writer);
            catalog.setAutoCommit(false); // deferred: begins without the lock
            try (Statement select = catalog.createStatement();
                 ResultSet rows = select.executeQuery("SELECT count(*) FROM t")) {
                rows.next();
                assertEquals(0, rows.getInt(1), "it reads what was committed");
            }
            catalog.commit();
            catalog.setAutoCommit(true);
            writer.rollback();
        }
    }

    /** A WAL database with one table, as the catalog is; its URL. */
    private String catalogWithATable() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("catalog.db");
        try (Connection setup = DriverManager.getConnection(url);
             Statement statement = setup.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (v INTEGER)");
            statement.execute("PRAGMA journal_mode=WAL");
        }
        return url;
    }

    private static Properties withShortBusyTimeout() {
        Properties settings = new Properties();
        settings.setProperty("busy_timeout", "100");
        return settings;
    }

    /** An uncommitted write: the connection holds SQLite's write lock until it rolls back. */
    private static void holdTheWriteLock(Connection writer) throws SQLException {
        writer.setAutoCommit(false);
        try (Statement insert = writer.createStatement()) {
            insert.executeUpdate("INSERT INTO t VALUES (1)");
        }
    }
}
