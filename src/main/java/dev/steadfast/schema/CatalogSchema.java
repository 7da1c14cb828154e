package dev.steadfast.schema;

import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog's schema state: what readiness and operators are told. Read with one query of
 * Flyway's history table, compared with the build-time migration index, rather than with
 * {@code flyway.info()}, which scans and parses every migration script on each call (once at boot,
 * and on every readiness probe). {@link #status(List, MigrationIndex)} gives the figures Flyway's
 * info would give for the histories this service writes; CatalogSchemaStatusTest holds it to that.
 */
@ApplicationScoped
public class CatalogSchema {

    private static final Logger LOG = Logger.getLogger(CatalogSchema.class);

    private final Flyway flyway;
    private final CatalogFlywayCustomizer customizer;
    private final MeterRegistry registry;
    private final MigrationIndex index = MigrationIndex.load(CatalogFlywayCustomizer.SET);

    CatalogSchema(Flyway flyway, CatalogFlywayCustomizer customizer, MeterRegistry registry) {
        this.flyway = flyway;
        this.customizer = customizer;
        this.registry = registry;
    }

    public record Status(String version, String newestKnown, int applied, int pending, int failed) {
        public boolean upToDate() {
            return pending == 0 && failed == 0 && version.equals(newestKnown);
        }
    }

    /** One applied row of the history: its version (null for a repeatable migration) and outcome. */
    record HistoryRow(String version, String type, boolean success) {
    }

    public Status status() {
        String table = flyway.getConfiguration().getTable();
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            return status(history(connection, table), index);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The rows of {@code table} in the order Flyway applied them; empty when there is no history yet. */
    static List<HistoryRow> history(Connection connection, String table) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        if (!SchemaHistory.tableExists(connection, table)) {
            return rows;
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT version, type, success FROM \"" + table + "\" ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new HistoryRow(result.getString(1), result.getString(2), result.getInt(3) == 1));
            }
        }
        return rows;
    }

    /**
     * What Flyway's info reports for a history and the migrations of this build: the current version
     * is the highest applied one (failed included), applied counts the successful rows of known
     * migrations, pending the known migrations above the current version that have no row, failed
     * every failed row.
     */
    static Status status(List<HistoryRow> history, MigrationIndex index) {
        Set<MigrationVersion> known = new HashSet<>();
        index.files().forEach(file -> known.add(MigrationIndex.versionOf(file)));
        Set<MigrationVersion> present = new HashSet<>();
        MigrationVersion current = null;
        int applied = 0;
        int failed = 0;
        for (HistoryRow row : history) {
            if (!row.success()) {
                failed++;
            }
            if (row.version() == null || "SCHEMA".equals(row.type()) || "DELETE".equals(row.type())) {
                continue;
            }
            MigrationVersion version = MigrationVersion.fromVersion(row.version());
            present.add(version);
            if (current == null || version.isNewerThan(current)) {
                current = version;
            }
            if (row.success() && known.contains(version) && !"BASELINE".equals(row.type())) {
                applied++;
            }
        }
        MigrationVersion floor = current;
        int pending = (int) known.stream()
                .filter(version -> !present.contains(version) && (floor == null || version.isNewerThan(floor)))
                .count();
        return new Status(current == null ? "none" : current.getVersion(), index.newest().getVersion(),
                applied, pending, failed);
    }

    /** One line at boot saying where the catalog stands, after Quarkus migrated it. */
    void logAtBoot(@Observes @Priority(10) StartupEvent event) {
        customizer.metrics().publishTo(registry);
        Status status = status();
        LOG.infof("Catalog schema at version %s (%d migrations applied, %d pending, newest known %s)",
                status.version(), status.applied(), status.pending(), status.newestKnown());
    }
}
