package dev.steadfast.schema;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The data source of one Flyway run, remembering every connection it hands out. Flyway runs a
 * migration and each callback on connections of its own choosing; a script that fails inside its own
 * {@code SAVEPOINT} (outside a transaction SQLite reads one as BEGIN) leaves that transaction open
 * on the migration's connection, holding the file's write lock, and no callback is given that
 * connection. Before the safety net restores a snapshot, {@link #abandonOpenTransactions()} rolls
 * back whatever any of them left open; otherwise SQLite's backup finds the file locked and the
 * restore cannot happen.
 */
final class TrackedConnections implements DataSource {

    private static final Logger LOG = Logger.getLogger(TrackedConnections.class);

    private final DataSource delegate;
    private final List<Connection> handedOut = new ArrayList<>();

    TrackedConnections(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return remember(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return remember(delegate.getConnection(username, password));
    }

    private synchronized Connection remember(Connection connection) {
        handedOut.removeIf(TrackedConnections::isClosed); // the catalog's Flyway outlives its run
        handedOut.add(connection);
        return connection;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Rolls back the transaction each still-open connection of this run has open, if any. */
    synchronized void abandonOpenTransactions() {
        for (Connection connection : handedOut) {
            if (isClosed(connection)) {
                continue;
            }
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                    LOG.warn("Rolled back a transaction a failed migration left open");
                }
            } catch (SQLException noneOpen) {
                // "cannot rollback - no transaction is active": the usual case
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }
}
