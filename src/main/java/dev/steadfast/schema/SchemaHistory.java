package dev.steadfast.schema;

import org.flywaydb.core.api.MigrationVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Read-only questions about a SQLite database and its Flyway history, asked on a given connection. */
final class SchemaHistory {

    private SchemaHistory() {
    }

    /** The highest successfully applied version, or null when there is no history. */
    static MigrationVersion highestApplied(Connection connection, String table) throws SQLException {
        Entry newest = newestEntry(connection, table, "success = 1");
        return newest == null ? null : newest.version();
    }

    /**
     * The history's highest version, whether its migration succeeded or failed (a failed row is
     * what a release that crashed mid-migration, on a database that cannot roll back, leaves), or
     * null when there is no history.
     */
    static Entry newestRecorded(Connection connection, String table) throws SQLException {
        return newestEntry(connection, table, "1 = 1");
    }

    /** One version of the history and whether a row of it records a success. */
    record Entry(MigrationVersion version, boolean succeeded) {
    }

    private static Entry newestEntry(Connection connection, String table, String condition) throws SQLException {
        if (!tableExists(connection, table)) {
            return null;
        }
        Entry newest = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, success FROM \"" + table + "\" WHERE version IS NOT NULL AND " + condition)) {
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                boolean succeeded = rows.getBoolean(2);
                if (newest == null || version.isNewerThan(newest.version())) {
                    newest = new Entry(version, succeeded);
                } else if (version.equals(newest.version()) && succeeded) {
                    newest = new Entry(version, true);
                }
            }
        }
        return newest;
    }

    /** Whether the database holds any table of its own, besides Flyway's history. */
    static boolean hasTablesBesides(Connection connection, String historyTable) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM sqlite_master "
                + "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?")) {
            statement.setString(1, historyTable);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** What {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} found; empty when sound. */
    static String problems(Connection connection) throws SQLException {
        StringBuilder found = new StringBuilder();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    if (!"ok".equals(rows.getString(1))) {
                        found.append("integrity: ").append(rows.getString(1)).append("; ");
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                while (rows.next()) {
                    found.append("foreign key: ").append(rows.getString("table")).append(" row ")
                            .append(rows.getString("rowid")).append(" -> ").append(rows.getString("parent")).append("; ");
                }
            }
        }
        return found.toString().strip();
    }
}
