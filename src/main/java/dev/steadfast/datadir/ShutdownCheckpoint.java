package dev.steadfast.datadir;

import dev.steadfast.project.ProjectDatabases;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Last step of a graceful shutdown, after readiness went DOWN and in-flight requests finished:
 * the catalog's write-ahead log is folded into the database file and project files are closed
 * (closing checkpoints them too), so the data directory is complete on its own before the lock is
 * released. Every acknowledged write was already durable (synchronous=FULL); this makes the files
 * self-contained for backups and copies.
 */
@ApplicationScoped
public class ShutdownCheckpoint {

    private static final Logger LOG = Logger.getLogger(ShutdownCheckpoint.class);

    private final AgroalDataSource catalog;
    private final ProjectDatabases projects;

    ShutdownCheckpoint(AgroalDataSource catalog, ProjectDatabases projects) {
        this.catalog = catalog;
        this.projects = projects;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        int closed = projects.openCount();
        projects.closeAll();
        try (Connection connection = catalog.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            boolean complete = result.next() && result.getInt(1) == 0;
            LOG.infof("Shutdown: catalog WAL checkpointed%s, %d project databases closed",
                    complete ? "" : " (partially: a reader was still active)", closed);
        } catch (SQLException e) {
            LOG.warnf("Shutdown: catalog WAL checkpoint failed (%s); SQLite completes it at the next open", e.getMessage());
        }
    }
}
