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
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Projects whose file must stay closed, with the number of holds on each. */
    private final Map<String, Integer> held = new HashMap<>();
    private boolean shutDown;
    private final ProjectFiles files;
    private final ProjectMigrator migrator;
    private final SteadfastConfig config;
    private final GroupCommit groupCommit;
    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry synchronizationRegistry;

    ProjectDatabases(ProjectFiles files, ProjectMigrator migrator, SteadfastConfig config, GroupCommit groupCommit,
                     TransactionManager transactionManager, TransactionSynchronizationRegistry synchronizationRegistry) {
        this.files = files;
        this.migrator = migrator;
        this.config = config;
        this.groupCommit = groupCommit;
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
        for (int attempt = 1; ; attempt++) {
            Pools pools = lease(projectId);
            try {
                return pools.source(writer).getConnection();
            } catch (SQLException e) {
                if (attempt > 1 || isCurrent(projectId, pools)) {
                    throw e;
                }
                // Closed by close() after its wait for idleness ran out: look it up again, once.
            } finally {
                pools.leases.decrementAndGet();
            }
        }
    }

    private synchronized boolean isCurrent(String projectId, Pools pools) {
        return open.get(projectId) == pools;
    }

    /**
     * The project's pools, opened if need be, with a lease taken under the monitor: a pool with a
     * lease is never idle, so the least-recently-used eviction cannot close it between this lookup
     * and the borrow. Evicted pools are closed after the monitor is released, since closing a file
     * checkpoints it (an fsync) and every other project's lookup would wait for that.
     */
    private Pools lease(String projectId) throws SQLException {
        Pools pools;
        List<Pools> evicted = List.of();
        synchronized (this) {
            if (shutDown || held.containsKey(projectId)) {
                // Being closed (archive, purge, migration retry, shutdown): the state that made it
                // close answers the retry (410, 503 while migrating, or the next boot).
                throw new SQLiteException("Project file of " + projectId + " is being closed", SQLiteErrorCode.SQLITE_BUSY);
            }
            pools = open.get(projectId);
            if (pools == null) {
                Path file = files.file(projectId);
                if (!Files.isRegularFile(file)) {
                    // Opening would make SQLite create an empty file in its place. Missing because a
                    // purge moved it while this request was on its way: the retry gets the 410.
                    throw new SQLiteException("Project file " + file + " is missing", SQLiteErrorCode.SQLITE_CANTOPEN);
                }
                String writerUrl = migrator.jdbcUrl(file, groupCommit.writerSynchronous(config.database().synchronous()));
                pools = new Pools(pool(migrator.jdbcUrl(file), config.projects().poolSize()), pool(writerUrl, 1));
                open.put(projectId, pools);
                evicted = removeIdleBeyondLimit();
            }
            pools.leases.incrementAndGet();
        }
        evicted.forEach(Pools::close);
        if (!evicted.isEmpty()) {
            LOG.debugf("Closed %d idle project databases (limit %d)", evicted.size(), config.projects().maxOpen());
        }
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

    /**
     * Closes a project's file (archiving, quarantine): waits, at most the busy timeout, for the
     * requests using it to finish, so that none loses its connection mid-transaction.
     */
    public void close(String projectId) {
        hold(projectId).close();
    }

    /**
     * Closes a project's file like {@link #close} and keeps it closed until the hold is closed:
     * meanwhile every connection request for it is answered "busy" instead of reopening the file
     * under work that must have it to itself (moving it to archive/, migrating it again).
     */
    public Hold hold(String projectId) {
        Pools pools;
        synchronized (this) {
            held.merge(projectId, 1, Integer::sum);
            pools = open.remove(projectId);
        }
        if (pools != null) {
            closeWhenIdle(projectId, pools);
        }
        return () -> {
            synchronized (this) {
                held.computeIfPresent(projectId, (id, count) -> count == 1 ? null : count - 1);
            }
        };
    }

    /** A project file kept closed; closing the hold lets it be opened again. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    private void closeWhenIdle(String projectId, Pools pools) {
        long deadline = System.nanoTime() + Duration.ofMillis(config.database().busyTimeoutMillis()).toNanos();
        while (!pools.idle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!pools.idle()) {
            LOG.warnf("Closing the file of project %s while a request still uses it (waited %d ms)",
                    projectId, config.database().busyTimeoutMillis());
        }
        pools.close();
    }

    public synchronized int openCount() {
        return open.size();
    }

    /** Whether the project's file has an open pool right now (without counting as a use). */
    public synchronized boolean isOpen(String projectId) {
        return open.containsKey(projectId); // containsKey does not reorder an access-ordered map
    }

    /** Takes idle pools out of the map, least recently used first, until at most max-open remain. */
    private List<Pools> removeIdleBeyondLimit() {
        int excess = open.size() - config.projects().maxOpen();
        List<Pools> removed = new ArrayList<>();
        for (Iterator<Pools> it = open.values().iterator(); it.hasNext() && excess > 0; ) {
            Pools candidate = it.next();
            if (candidate.idle()) { // never pull a connection from under a request
                it.remove();
                removed.add(candidate);
                excess--;
            }
        }
        return removed;
    }

    /**
     * Closes every open project file at shutdown, after in-flight requests had their drain time.
     * Files stay closed: a request that outlived the drain is answered "busy" rather than reopening a
     * file after its final checkpoint, while the data-directory lock is being released.
     */
    @PreDestroy
    public synchronized void closeAll() {
        shutDown = true;
        open.values().forEach(Pools::close);
        open.clear();
    }

    /**
     * A project file's connections: a pool for reads, and the single connection transactions use;
     * {@code leases} counts the borrows under way (looked up, connection not yet handed out).
     */
    private record Pools(AgroalDataSource readers, AgroalDataSource writer, AtomicInteger leases) {

        Pools(AgroalDataSource readers, AgroalDataSource writer) {
            this(readers, writer, new AtomicInteger());
        }

        AgroalDataSource source(boolean forWriting) {
            return forWriting ? writer : readers;
        }

        boolean idle() {
            return leases.get() == 0 && readers.getMetrics().activeCount() == 0 && writer.getMetrics().activeCount() == 0;
        }

        void close() {
            readers.close();
            writer.close();
        }
    }
}
