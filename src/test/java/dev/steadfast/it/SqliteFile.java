package dev.steadfast.it;

import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC on one SQLite file, the way an operator uses {@code sqlite3}: the catalog or a project
 * file of a data directory whose service is stopped (refused while a service owns the directory),
 * or a file being prepared before it is handed to the service. Every call opens and closes its own
 * connection, so SQLite folds its write-ahead log back into the file before the service boots.
 */
public final class SqliteFile {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db");

    private final Path file;
    /** The data directory whose lock must be free before the file is touched; null for a loose file. */
    private final Path ownerDataDir;

    private SqliteFile(Path file, Path ownerDataDir) {
        this.file = file;
        this.ownerDataDir = ownerDataDir;
    }

    public static SqliteFile catalog(Path dataDir) {
        return new SqliteFile(dataDir.resolve("steadfast.db"), dataDir);
    }

    public static SqliteFile project(Path dataDir, String projectId) {
        return new SqliteFile(dataDir.resolve("projects").resolve(projectId + ".db"), dataDir);
    }

    /** A file outside any data directory (a database prepared for a test); created on first use. */
    public static SqliteFile loose(Path file) {
        return new SqliteFile(file, null);
    }

    public Path path() {
        return file;
    }

    /**
     * Brings the file to {@code version} of a migration set ({@code catalog} or {@code project}) with
     * Flyway and the repository's own migration scripts: a database as an older release left it.
     */
    public SqliteFile migratedTo(String set, String version) {
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file, null, null)
                .locations("filesystem:" + MIGRATIONS.resolve(set).toAbsolutePath())
                .target(version)
                .load()
                .migrate();
        return this;
    }

    /** Rows as column-name → value maps, in the order the query returns them. */
    public List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection connection = open();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + file + ": " + sql, e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = query(sql, params);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("Expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    /** A count or other integer query. */
    public long number(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    /** Runs a write with foreign keys enforced (as the service does); returns the rows changed. */
    public int update(String sql, Object... params) {
        try (Connection connection = open();
             PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Update failed on " + file + ": " + sql, e);
        }
    }

    /**
     * Runs statements one after the other on one connection, each committed on its own (so a
     * {@code PRAGMA foreign_keys = OFF} first takes effect: SQLite ignores it inside a transaction).
     */
    public void execute(String... statements) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Statements failed on " + file, e);
        }
    }

    /** The versions Flyway recorded as applied, in order: each must appear once. */
    public List<String> appliedVersions() {
        return query("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL "
                + "ORDER BY installed_rank").stream().map(row -> String.valueOf(row.get("version"))).toList();
    }

    Connection open() throws SQLException {
        requireStopped();
        if (ownerDataDir != null && !Files.isRegularFile(file)) {
            throw new IllegalStateException("No database at " + file + ": the service has not created it");
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = ON");
            statement.execute("PRAGMA busy_timeout = 2000");
        }
        return connection;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    /**
     * Refuses to touch a data directory a service still owns: its OS lock on {@code steadfast.lock}
     * is held for as long as it runs, so a lock we can take means nobody runs there.
     */
    private void requireStopped() {
        if (ownerDataDir == null) {
            return;
        }
        Path lockFile = ownerDataDir.resolve("steadfast.lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("A service still owns " + ownerDataDir + "; stop it before using JDBC");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
