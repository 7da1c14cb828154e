package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migrates project files with the Flyway API: the same discipline as the catalog (validation on,
 * clean disabled, newer databases refused) with the migration list from the build-time index.
 */
@ApplicationScoped
public class ProjectMigrator {

    public static final String SET = "project";

    private final MigrationIndex index = MigrationIndex.load(SET);
    private final SteadfastConfig config;
    private final Snapshots snapshots;
    private final MeterRegistry registry;

    ProjectMigrator(SteadfastConfig config, Snapshots snapshots, MeterRegistry registry) {
        this.config = config;
        this.snapshots = snapshots;
        this.registry = registry;
    }

    /** The JDBC URL of a project file: the catalog's pragmas, as URL parameters, on every connection. */
    public String jdbcUrl(Path file) {
        return MigrationSets.jdbcUrl(file, config.database());
    }

    public MigrationVersion newestKnown() {
        return index.newest();
    }

    /** Applies pending migrations; returns how many were applied. Throws if the file cannot be migrated. */
    public int migrate(String projectId, Path file) {
        MigrationMetrics metrics = new MigrationMetrics(SET);
        try {
            return run(projectId, file, metrics);
        } finally {
            metrics.publishTo(registry);
        }
    }

    private int run(String projectId, Path file, MigrationMetrics metrics) {
        MigrateResult result = MigrationSets.configure(index, jdbcUrl(file))
                .callbacks(new NewerDatabaseGuard("project " + projectId, index.newest()),
                        new MigrationSafetyNet(snapshotName(projectId), index.newest(), snapshots),
                        metrics)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** Snapshots of a project file are named after it: project-<id>-v<from>-to-v<to>-<time>.db. */
    public static String snapshotName(String projectId) {
        return "project-" + projectId;
    }

    /**
     * The fast path at boot: a file whose history ends, successfully, at the newest known version
     * needs nothing. One small query instead of Flyway's full validation; anything else (no
     * history, a failed row, an older or newer version) goes through {@link #migrate}.
     */
    public boolean isUpToDate(Path file) {
        try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrl(file));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE installed_rank = (SELECT max(installed_rank) FROM flyway_schema_history)")) {
            return rows.next() && rows.getInt(2) == 1
                    && MigrationVersion.fromVersion(rows.getString(1)).equals(index.newest());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
