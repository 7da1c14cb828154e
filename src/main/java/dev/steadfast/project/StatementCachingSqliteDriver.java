package dev.steadfast.project;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.sqlite.core.DB;
import org.sqlite.JDBC;
import org.sqlite.jdbc4.JDBC4Connection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The SQLite driver of project files, with a cache of prepared statements per connection.
 * <p>
 * Neither the SQLite driver, Agroal nor Hibernate keep prepared statements, so every query was
 * compiled by SQLite anew: measured at 12% of the CPU of a task read and 9% of a task creation.
 * Here a statement closed by its user goes back, reset and unbound, to its connection, which hands
 * it out again for the same SQL. Statements die with their connection.
 * <p>
 * A connection is used by one thread at a time (the pool guarantees it), so the cache needs no lock.
 * Agroal instantiates this class by name, hence the reflection registration for native images.
 */
@RegisterForReflection
public final class StatementCachingSqliteDriver extends JDBC {

    /** Distinct statements kept per connection; a project uses a few dozen. */
    static final int STATEMENTS_PER_CONNECTION = 64;

    /** The driver's setting for querying generated keys after every INSERT. */
    static final String GET_GENERATED_KEYS = "jdbc.get_generated_keys";

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!isValidURL(url)) {
            return null;
        }
        String trimmed = url.trim();
        Properties settings = new Properties();
        if (info != null) {
            settings.putAll(info);
        }
        // Hibernate reads a new row's id with its own (cached) "select last_insert_rowid()"; the
        // driver's automatic copy of that query after every INSERT, compiled each time, is work done
        // twice on the create path.
        settings.putIfAbsent(GET_GENERATED_KEYS, "false");
        return new CachingConnection(trimmed, trimmed.substring(PREFIX.length()), settings);
    }

    static final class CachingConnection extends JDBC4Connection {

        private final Map<String, CachedStatement> idle = new LinkedHashMap<>(32, 0.75f, true);

        CachingConnection(String url, String fileName, Properties info) throws SQLException {
            super(url, fileName, info);
        }

        @Override
        public PreparedStatement prepareStatement(String sql, int rst, int rsc, int rsh) throws SQLException {
            checkOpen();
            checkCursor(rst, rsc, rsh);
            CachedStatement statement = idle.remove(sql);
            return statement != null ? statement : new CachedStatement(this, sql);
        }

        /** Keeps a statement its user closed; the least recently used beyond the limit are finalized. */
        void keep(CachedStatement statement) throws SQLException {
            CachedStatement previous = idle.put(statement.sql(), statement);
            if (previous != null && previous != statement) { // the same SQL was open twice at once
                previous.finalizeStatement();
            }
            if (idle.size() > STATEMENTS_PER_CONNECTION) {
                var eldest = idle.entrySet().iterator().next();
                idle.remove(eldest.getKey());
                eldest.getValue().finalizeStatement();
            }
        }

        @Override
        public void close() throws SQLException {
            List<CachedStatement> statements = new ArrayList<>(idle.values());
            idle.clear();
            for (CachedStatement statement : statements) {
                statement.finalizeStatement();
            }
            super.close();
        }

        int idleStatements() {
            return idle.size();
        }
    }

    static final class CachedStatement extends JDBC4PreparedStatement {

        private final CachingConnection owner;

        /** The result's column names, kept across executions (the driver reads them anew each time). */
        private String[] columnNames;

        CachedStatement(CachingConnection owner, String sql) throws SQLException {
            super(owner, sql);
            this.owner = owner;
        }

        /**
         * Hands the driver the column names of the previous execution: it would otherwise fetch them
         * from SQLite, one JNI call and one new String per column, for every query (2% of a task
         * read's CPU: the read joins seventeen columns). They are reused only while the statement
         * still has as many columns; SQLite re-prepares a statement after a schema change, and a
         * {@code SELECT *} could then gain or lose some.
         */
        @Override
        public ResultSet getResultSet() throws SQLException {
            if (columnNames != null && rs.colsMeta == null && !rs.isOpen()
                    && pointer.safeRunInt(DB::column_count) == columnNames.length) {
                rs.colsMeta = columnNames;
            }
            ResultSet result = super.getResultSet();
            if (result != null) {
                columnNames = rs.colsMeta;
            }
            return result;
        }

        String sql() {
            return sql;
        }

        /**
         * Returns the statement to its connection in the state of a freshly prepared one: result set
         * closed and the statement reset (so it holds no read snapshot), parameters and batch cleared.
         */
        @Override
        public void close() throws SQLException {
            if (pointer.isClosed()) {
                return;
            }
            if (owner.isClosed()) {
                super.close();
                return;
            }
            try {
                rs.close();
                pointer.safeRunConsume(DB::reset);
                clearParameters();
                clearBatch();
                clearGeneratedKeys();
                setMaxRows(0);
            } catch (SQLException | RuntimeException e) {
                super.close(); // a statement that cannot be reset is not reused
                throw e;
            }
            owner.keep(this);
        }

        void finalizeStatement() throws SQLException {
            super.close();
        }
    }
}
