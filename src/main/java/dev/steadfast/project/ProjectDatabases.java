package dev.steadfast.project;

import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.schema.ProjectMigrator;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections of the project files currently open, at most {@code steadfast.projects.max-open} of
 * them: opening one more closes the least recently used idle file, so ten thousand projects do not
 * mean ten thousand open files. Each open file has a pool for reads and a single writer connection
 * for its transactions; both join JTA transactions like the catalog's.
 */
@ApplicationScoped
public class ProjectDatabases {

    private static final Logger LOG = Logger.getLogger(ProjectDatabases.class);

    private final Map<String, Pools> open = new LinkedHashMap<>(16, 0.75f, true);
    private final ProjectFiles files;
    private final ProjectMigrator migrator;
    private final SteadfastConfig config;
    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry synchronizationRegistry;

    ProjectDatabases(ProjectFiles files, ProjectMigrator migrator, SteadfastConfig config,
                     TransactionManager transactionManager, TransactionSynchronizationRegistry synchronizationRegistry) {
        this.files = files;
        this.migrator = migrator;
        this.config = config;
        this.transactionManager = transactionManager;
        this.synchronizationRegistry = synchronizationRegistry;
    }

    /** A pooled connection for reading the project's file outside a transaction. */
    public Connection readConnection(String projectId) throws SQLException {
        return connect(projectId, false);
    }

    /**
     * The project's writer connection, for a transaction that holds the project's turn in
     * {@link ProjectWriteQueue}. Every transaction of a project runs on this one connection: SQLite
     * drops a connection's page cache whenever another connection wrote the file since its last
     * transaction, so writers rotating over the read pool re-read the pages of every table and index
     * they touch (measured at about 75 µs of each task creation, all of it inside the turn).
     */
    public Connection writeConnection(String projectId) throws SQLException {
        return connect(projectId, true);
    }

    private Connection connect(String projectId, boolean writer) throws SQLException {
        Pools pools = pools(projectId);
        try {
            return pools.source(writer).getConnection();
        } catch (SQLException e) {
            if (isCurrent(projectId, pools)) {
                throw e;
            }
            // Closed as the least recently used file between the lookup and the borrow (the lookup
            // does not hold the file open): open it again, once.
            return pools(projectId).source(writer).getConnection();
        }
    }

    private synchronized boolean isCurrent(String projectId, Pools pools) {
        return open.get(projectId) == pools;
    }

    private synchronized Pools pools(String projectId) throws SQLException {
        Pools pools = open.get(projectId);
        if (pools != null) {
            return pools;
        }
        Path file = files.file(projectId);
        if (!Files.isRegularFile(file)) {
            // Opening would make SQLite create an empty file in its place.
            throw new SQLException("Project file " + file + " is missing");
        }
        String jdbcUrl = migrator.jdbcUrl(file);
        pools = new Pools(pool(jdbcUrl, config.projects().poolSize()), pool(jdbcUrl, 1));
        open.put(projectId, pools);
        closeIdleBeyondLimit();
        return pools;
    }

    private AgroalDataSource pool(String jdbcUrl, int size) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0).minSize(0).maxSize(size)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .reapTimeout(Duration.ofMinutes(2))
                        .transactionIntegration(new NarayanaTransactionIntegration(transactionManager, synchronizationRegistry))
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(StatementCachingSqliteDriver.class)
                                .jdbcUrl(jdbcUrl))));
    }

    /** Closes a project's pool (archiving, purging, quarantine, retry). */
    public void close(String projectId) {
        Pools pools;
        synchronized (this) {
            pools = open.remove(projectId);
        }
        if (pools != null) {
            pools.close();
        }
    }

    public synchronized int openCount() {
        return open.size();
    }

    /** Whether the project's file has an open pool right now (without counting as a use). */
    public synchronized boolean isOpen(String projectId) {
        return open.containsKey(projectId); // containsKey does not reorder an access-ordered map
    }

    private void closeIdleBeyondLimit() {
        int excess = open.size() - config.projects().maxOpen();
        List<Pools> toClose = new ArrayList<>();
        for (Iterator<Pools> it = open.values().iterator(); it.hasNext() && excess > 0; ) {
            Pools candidate = it.next();
            if (candidate.idle()) { // never pull a connection from under a request
                it.remove();
                toClose.add(candidate);
                excess--;
            }
        }
        toClose.forEach(Pools::close);
        if (!toClose.isEmpty()) {
            LOG.debugf("Closed %d idle project databases (limit %d)", toClose.size(), config.projects().maxOpen());
        }
    }

    /** Closes every open project file (shutdown); the next use reopens it. */
    @PreDestroy
    public synchronized void closeAll() {
        open.values().forEach(Pools::close);
        open.clear();
    }

    /** A project file's connections: a pool for reads, and the single connection transactions use. */
    private record Pools(AgroalDataSource readers, AgroalDataSource writer) {

        AgroalDataSource source(boolean forWriting) {
            return forWriting ? writer : readers;
        }

        boolean idle() {
            return readers.getMetrics().activeCount() == 0 && writer.getMetrics().activeCount() == 0;
        }

        void close() {
            readers.close();
            writer.close();
        }
    }
}
