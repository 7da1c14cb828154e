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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection pools of the project files currently open, at most {@code steadfast.projects.max-open}
 * of them: opening one more closes the least recently used idle pool, so ten thousand projects do
 * not mean ten thousand open files. Pools join JTA transactions like the catalog's.
 */
@ApplicationScoped
public class ProjectDatabases {

    private static final Logger LOG = Logger.getLogger(ProjectDatabases.class);

    private final Map<String, AgroalDataSource> open = new LinkedHashMap<>(16, 0.75f, true);
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

    /** The pool of a project's file, opened on first use. */
    public synchronized AgroalDataSource dataSource(String projectId) throws SQLException {
        AgroalDataSource dataSource = open.get(projectId);
        if (dataSource != null) {
            return dataSource;
        }
        Path file = files.file(projectId);
        if (!Files.isRegularFile(file)) {
            // Opening would make SQLite create an empty file in its place.
            throw new SQLException("Project file " + file + " is missing");
        }
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0).minSize(0).maxSize(config.projects().poolSize())
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .reapTimeout(Duration.ofMinutes(2))
                        .transactionIntegration(new NarayanaTransactionIntegration(transactionManager, synchronizationRegistry))
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(StatementCachingSqliteDriver.class)
                                .jdbcUrl(migrator.jdbcUrl(file)))));
        open.put(projectId, dataSource);
        closeIdleBeyondLimit();
        return dataSource;
    }

    /** Closes a project's pool (archiving, purging, quarantine, retry). */
    public void close(String projectId) {
        AgroalDataSource dataSource;
        synchronized (this) {
            dataSource = open.remove(projectId);
        }
        if (dataSource != null) {
            dataSource.close();
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
        List<AgroalDataSource> toClose = new ArrayList<>();
        for (Iterator<AgroalDataSource> it = open.values().iterator(); it.hasNext() && excess > 0; ) {
            AgroalDataSource candidate = it.next();
            if (candidate.getMetrics().activeCount() == 0) { // never pull a connection from under a request
                it.remove();
                toClose.add(candidate);
                excess--;
            }
        }
        toClose.forEach(AgroalDataSource::close);
        if (!toClose.isEmpty()) {
            LOG.debugf("Closed %d idle project databases (limit %d)", toClose.size(), config.projects().maxOpen());
        }
    }

    /** Closes every open project file (shutdown); the next use reopens it. */
    @PreDestroy
    public synchronized void closeAll() {
        open.values().forEach(AgroalDataSource::close);
        open.clear();
    }
}
