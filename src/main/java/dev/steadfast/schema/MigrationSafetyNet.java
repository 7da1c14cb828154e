package dev.steadfast.schema;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Around one Flyway run on one database: before migrating a non-empty database with pending
 * migrations, a snapshot; after migrating, {@code integrity_check} and {@code foreign_key_check}.
 * If the checks fail, or a migration fails, the snapshot is restored and the run fails with a
 * message naming the snapshot: a database is either fully migrated and sound, or as it was.
 * One instance per run: it remembers that run's snapshot.
 */
public class MigrationSafetyNet implements Callback {

    private static final Logger LOG = Logger.getLogger(MigrationSafetyNet.class);

    private final String name;
    private final MigrationVersion newestKnown;
    private final Snapshots snapshots;
    private final TrackedConnections connections;
    private Path snapshot;
    private int applied;

    private MigrationSafetyNet(String name, MigrationVersion newestKnown, Snapshots snapshots,
                               TrackedConnections connections) {
        this.name = name;
        this.newestKnown = newestKnown;
        this.snapshots = snapshots;
        this.connections = connections;
    }

    /**
     * Adds a safety net to a Flyway run. It takes over the run's data source, to reach the
     * connections Flyway migrates on when a failure leaves one of them in a transaction.
     */
    public static FluentConfiguration around(FluentConfiguration configuration, String name,
                                             MigrationVersion newestKnown, Snapshots snapshots) {
        TrackedConnections connections = new TrackedConnections(configuration.getDataSource());
        MigrationSafetyNet net = new MigrationSafetyNet(name, newestKnown, snapshots, connections);
        return MigrationSets.addCallbacks(configuration.dataSource(connections), net);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_EACH_MIGRATE || event == Event.AFTER_MIGRATE
                || event == Event.AFTER_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return event == Event.AFTER_EACH_MIGRATE; // VACUUM INTO and restores cannot run inside a transaction
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            switch (event) {
                case BEFORE_MIGRATE -> snapshotIfNeeded(context);
                case AFTER_EACH_MIGRATE -> applied++;
                case AFTER_MIGRATE -> verify(context);
                case AFTER_MIGRATE_ERROR -> restoreAfterFailure(context);
                default -> { }
            }
        } catch (SQLException e) {
            throw new FlywayException("Migration safety net for " + name + " failed: " + e.getMessage(), e);
        }
    }

    private void snapshotIfNeeded(Context context) throws SQLException {
        String table = context.getConfiguration().getTable();
        var connection = context.getConnection();
        MigrationVersion current = SchemaHistory.highestApplied(connection, table);
        boolean pending = current == null || newestKnown.isNewerThan(current);
        if (pending && SchemaHistory.hasTablesBesides(connection, table)) {
            snapshot = snapshots.take(connection, name, current == null ? "0" : current.getVersion(), newestKnown.getVersion());
        }
    }

    private void verify(Context context) throws SQLException {
        if (applied == 0) {
            return; // nothing changed: the boot stays fast on large databases
        }
        String problems = SchemaHistory.problems(context.getConnection());
        if (problems.isEmpty()) {
            return;
        }
        String message = "The " + name + " database failed its checks after migrating (" + problems + ")";
        if (snapshot != null) {
            snapshots.restore(context.getConnection(), snapshot);
            message += "; restored the snapshot " + snapshot + " taken before the migration";
        }
        LOG.error(message);
        throw new FlywayException(message);
    }

    private void restoreAfterFailure(Context context) throws SQLException {
        if (snapshot != null) {
            connections.abandonOpenTransactions();
            snapshots.restore(context.getConnection(), snapshot);
            LOG.errorf("A migration of %s failed; restored the snapshot %s taken before it", name, snapshot);
        }
    }

    @Override
    public String getCallbackName() {
        return "steadfast-migration-safety-net";
    }
}
