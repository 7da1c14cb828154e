package dev.steadfast.project;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.core.CoreResultSet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Project connections keep their prepared statements: a closed statement comes back for the same
 * SQL, as if freshly prepared (no old bindings, no open cursor, no read snapshot that would block a
 * checkpoint), and the cache stays bounded.
 */
class StatementCachingSqliteDriverTest {

    @TempDir
    Path dir;

    private String url;
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("p.db") + "?journal_mode=WAL";
        connection = new StatementCachingSqliteDriver().connect(url, new Properties());
        try (Statement ddl = connection.createStatement()) {
            ddl.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            ddl.executeUpdate("INSERT INTO t (id, name) VALUES (1, 'one'), (2, 'two'), (3, NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void shouldHandOutTheSameStatementAgainForTheSameSqlWithFreshParameters() throws SQLException {
        PreparedStatement first = connection.prepareStatement("SELECT name FROM t WHERE id = ?");
        first.setLong(1, 1);
        assertEquals("one", single(first));
        first.close();

        PreparedStatement second = connection.prepareStatement("SELECT name FROM t WHERE id = ?");
        assertSame(first, second, "the closed statement is reused, not compiled again");
        second.setLong(1, 2);
        assertEquals("two", single(second));
        second.close();
    }

    @Test
    void shouldForgetTheBindingsOfTheLastUse() throws SQLException {
        PreparedStatement insert = connection.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)");
        insert.setLong(1, 10);
        insert.setString(2, "ten");
        insert.executeUpdate();
        insert.close();

        PreparedStatement again = connection.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)");
        again.setLong(1, 11); // the name is not bound this time: it must be NULL, not "ten"
        again.executeUpdate();
        again.close();
        try (PreparedStatement read = connection.prepareStatement("SELECT name FROM t WHERE id = ?")) {
            read.setLong(1, 11);
            assertEquals(null, single(read));
        }
    }

    @Test
    void shouldGiveTwoStatementsWhenTheSameSqlIsOpenTwiceAtOnce() throws SQLException {
        PreparedStatement outer = connection.prepareStatement("SELECT name FROM t WHERE id = ?");
        PreparedStatement inner = connection.prepareStatement("SELECT name FROM t WHERE id = ?");
        assertNotSame(outer, inner);
        outer.setLong(1, 1);
        inner.setLong(1, 2);
        try (ResultSet a = outer.executeQuery(); ResultSet b = inner.executeQuery()) {
            assertTrue(a.next());
            assertTrue(b.next());
            assertEquals("one", a.getString(1));
            assertEquals("two", b.getString(1));
        }
        outer.close();
        inner.close();
    }

    @Test
    void shouldNotKeepAReadSnapshotOpenWhenAStatementIsReturnedUnfinished() throws SQLException {
        PreparedStatement scan = connection.prepareStatement("SELECT id FROM t ORDER BY id");
        ResultSet rows = scan.executeQuery();
        assertTrue(rows.next()); // stopped after the first of three rows: SQLite holds a read snapshot
        scan.close();

        // Another connection writes and checkpoints the whole WAL: impossible while a reader pins it.
        try (Connection writer = DriverManager.getConnection(url);
             Statement statement = writer.createStatement()) {
            statement.executeUpdate("INSERT INTO t (id, name) VALUES (4, 'four')");
            try (ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertTrue(checkpoint.next());
                assertEquals(0, checkpoint.getInt(1), "checkpoint not blocked by a cached statement");
            }
        }
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM t")) {
            try (ResultSet result = count.executeQuery()) {
                assertTrue(result.next());
                assertEquals(4, result.getInt(1), "the cached connection sees the new row");
            }
        }
    }

    @Test
    void shouldKeepABoundedNumberOfStatementsAndFinalizeThemWithTheConnection() throws SQLException {
        var caching = (StatementCachingSqliteDriver.CachingConnection) connection;
        PreparedStatement oldest = connection.prepareStatement("SELECT 0");
        oldest.close();
        for (int i = 1; i <= StatementCachingSqliteDriver.STATEMENTS_PER_CONNECTION + 10; i++) {
            connection.prepareStatement("SELECT " + i).close();
        }
        assertEquals(StatementCachingSqliteDriver.STATEMENTS_PER_CONNECTION, caching.idleStatements());
        assertTrue(oldest.isClosed(), "the least recently used statement was finalized");

        PreparedStatement kept = connection.prepareStatement("SELECT 1");
        kept.close();
        connection.close();
        assertTrue(kept.isClosed(), "statements die with their connection");
        assertEquals(0, caching.idleStatements());
    }

    @Test
    void shouldNotQueryGeneratedKeysAfterEveryInsertWhichHibernateDoesItself() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
            insert.setLong(1, 20);
            insert.setString(2, "twenty");
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                assertFalse(keys.next(), "the driver ran no last_insert_rowid() query of its own");
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet id = statement.executeQuery("SELECT last_insert_rowid()")) {
            assertTrue(id.next());
            assertEquals(20, id.getLong(1), "the id stays available to the query Hibernate runs");
        }
    }

    @Test
    void shouldReuseColumnNamesAcrossExecutionsUntilTheResultShapeChanges() throws SQLException {
        String[] first = columnNames("SELECT * FROM t");
        String[] second = columnNames("SELECT * FROM t");
        assertSame(first, second, "the names of the last execution are handed back, not fetched again");
        assertArrayEquals(new String[] {"id", "name"}, second);

        try (Statement ddl = connection.createStatement()) {
            ddl.executeUpdate("ALTER TABLE t ADD COLUMN note TEXT");
        }
        assertArrayEquals(new String[] {"id", "name", "note"}, columnNames("SELECT * FROM t"),
                "SQLite re-prepared the statement with one more column: names are read again");
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM t");
             ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            assertEquals(3, rows.getMetaData().getColumnCount());
            assertEquals("one", rows.getString("name"), "lookup by name still works");
        }
    }

    private String[] columnNames(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return ((CoreResultSet) rows).colsMeta;
        }
    }

    @Test
    void shouldAnswerOnlySqliteUrls() throws SQLException {
        assertEquals(null, new StatementCachingSqliteDriver().connect("jdbc:postgresql://x/y", new Properties()));
        assertFalse(connection.isClosed());
    }

    private static String single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
