package dev.steadfast.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC on the catalog ({@code <data-dir>/steadfast.db}) of a data directory whose service is
 * stopped: what an operator does with {@code sqlite3}. Every call opens and closes its own
 * connection, so SQLite folds its write-ahead log back into the file before the service boots.
 */
public final class CatalogDb {

    private CatalogDb() {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve("steadfast.db");
    }

    /** Rows as column-name → value maps, in the order the query returns them. */
    public static List<Map<String, Object>> query(Path dataDir, String sql, Object... params) {
        return SqliteFile.catalog(dataDir).query(sql, params);
    }

    /** The single value of a one-row, one-column query. */
    public static Object value(Path dataDir, String sql, Object... params) {
        return SqliteFile.catalog(dataDir).value(sql, params);
    }

    /** Runs a write with foreign keys enforced (as the service does); returns the rows changed. */
    public static int update(Path dataDir, String sql, Object... params) {
        return SqliteFile.catalog(dataDir).update(sql, params);
    }

    /**
     * Takes SQLite's write lock on the catalog and keeps it until closed (an uncommitted write in an
     * IMMEDIATE transaction, rolled back on close): every other writer gets "database is locked"
     * once its busy timeout runs out, while readers carry on (WAL).
     */
    public static AutoCloseable holdWriteLock(Path dataDir) {
        SqliteFile catalog = SqliteFile.catalog(dataDir);
        try {
            Connection connection = catalog.open();
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                statement.executeUpdate("INSERT INTO audit_events (created_at, actor, action, detail) "
                        + "VALUES (0, 'integration-test', 'test.write-lock', 'never committed')");
            }
            return () -> {
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the write lock on " + file(dataDir), e);
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
