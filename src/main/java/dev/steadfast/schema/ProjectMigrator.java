package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Migrates project files with the Flyway API: the same discipline as the catalog (validation on,
 * clean disabled, newer databases refused) with the migration list from the build-time index.
 */
@ApplicationScoped
public class ProjectMigrator {

    public static final String SET = "project";
    private static final Logger LOG = Logger.getLogger(ProjectMigrator.class);
    /** How many problems of a damaged file its reason names: the way out is the same however many. */
    private static final int QUICK_CHECK_PROBLEMS = 5;

    private final MigrationIndex index = MigrationIndex.load(SET);
    private final SteadfastConfig config;
    private final Snapshots snapshots;
    private final MeterRegistry registry;
    private volatile List<HistoryRow> expectedHistory;

    ProjectMigrator(SteadfastConfig config, Snapshots snapshots, MeterRegistry registry) {
        this.config = config;
        this.snapshots = snapshots;
        this.registry = registry;
    }

    /**
     * The JDBC URL of an existing project file: the catalog's pragmas, as URL parameters, on every
     * connection. It never creates the file (see {@link MigrationSets#existingFileUrl}).
     */
    public String jdbcUrl(Path file) {
        return MigrationSets.existingFileUrl(file, config.database());
    }

    /** The same with another {@code synchronous} level: see {@code GroupCommit}. */
    public String jdbcUrl(Path file, SteadfastConfig.Synchronous synchronous) {
        return MigrationSets.existingFileUrl(file, config.database(), synchronous);
    }

    public MigrationVersion newestKnown() {
        return index.newest();
    }

    /**
     * Applies pending migrations to an existing file; returns how many were applied. Throws if the
     * file cannot be migrated, or is missing.
     */
    public int migrate(String projectId, Path file) {
        return run(projectId, jdbcUrl(file), true);
    }

    /** Creates a new project's file and applies every migration to it; returns how many. */
    public int create(String projectId, Path file) {
        return run(projectId, MigrationSets.newFileUrl(file, config.database()), false);
    }

    /** {@code announce}: log each migration as it starts (an existing file's data may make it long). */
    private int run(String projectId, String jdbcUrl, boolean announce) {
        MigrationMetrics metrics = new MigrationMetrics(SET);
        try {
            return flyway(projectId, jdbcUrl, metrics, announce);
        } finally {
            metrics.publishTo(registry);
        }
    }

    private int flyway(String projectId, String jdbcUrl, MigrationMetrics metrics, boolean announce) {
        FluentConfiguration configuration = MigrationSets.configure(index, jdbcUrl)
                .callbacks(new NewerDatabaseGuard("project " + projectId, index.newest(),
                        NewerDatabaseGuard.REFUSE_PROJECT));
        if (announce) {
            MigrationSets.addCallbacks(configuration, new MigrationProgress("project " + projectId));
        }
        MigrationSafetyNet.around(configuration, snapshotName(projectId), index.newest(), snapshots);
        MigrateResult result = QuietFlyway.run(() -> MigrationSets.addCallbacks(configuration, metrics).load().migrate());
        return result.migrationsExecuted;
    }


    /** Snapshots of a project file are named after it: project-<id>-v<from>-to-v<to>-<time>.db. */
    public static String snapshotName(String projectId) {
        return "project-" + projectId;
    }

    /**
     * The fast path at boot: whether a file's history is, row for row, what Flyway would have written
     * applying every migration this build knows, all successfully: same versions in the same order,
     * same descriptions, types, scripts and checksums, nothing else. Such a file needs nothing, and
     * Flyway's validation and migration of it would change nothing, so both are skipped. One
     * read-only query; anything else (no history, a failed row, an altered checksum, a pending or
     * unknown version, an unreadable file) answers false and goes through {@link #migrate}, which
     * validates, migrates, adopts or refuses it as always.
     */
    public boolean isUpToDate(Path file) {
        try {
            return check(file).upToDate();
        } catch (RuntimeException e) { // unreadable: Flyway will say why
            return false;
        }
    }

    /**
     * What boot needs to know of a file, from one read-only connection: whether it is up to date
     * ({@link #isUpToDate}) and which project its own {@code project} row names (empty when it has
     * no such row or table: an empty or foreign database). Throws if the file cannot be read.
     */
    public FileCheck check(Path file) {
        try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrlAtRest(file))) {
            return new FileCheck(historyIsComplete(connection), owner(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read project file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@code PRAGMA quick_check} finds wrong in a file nobody has open (its first few problems),
     * or empty when it finds nothing: it reads every page, which {@link #check} does not. A check
     * SQLite cannot even finish (a page it cannot read at all) is reported as what it found.
     */
    public String quickCheck(Path file) {
        StringJoiner found = new StringJoiner("; ");
        try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrlAtRest(file));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + QUICK_CHECK_PROBLEMS + ")")) {
            while (rows.next()) {
                if (!"ok".equals(rows.getString(1))) {
                    found.add(rows.getString(1).replaceAll("\\s*\\R\\s*", "; ")); // one line in the log
                }
            }
        } catch (SQLException e) {
            found.add(e.getMessage());
        }
        return found.toString();
    }

    /** See {@link #check}. */
    public record FileCheck(boolean upToDate, Optional<String> owner) {
    }

    private boolean historyIsComplete(Connection connection) {
        List<HistoryRow> expected = expectedHistory();
        if (expected.isEmpty()) {
            return false;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, description, type, script, checksum, success "
                     + "FROM flyway_schema_history ORDER BY installed_rank")) {
            int i = 0;
            while (rows.next()) {
                if (i >= expected.size() || rows.getInt(6) != 1 || !expected.get(i).matches(rows)) {
                    return false;
                }
                i++;
            }
            return i == expected.size();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<String> owner(Connection connection) throws SQLException {
        if (!SchemaHistory.tableExists(connection, "project")) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM project")) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        }
    }

    /** One row of {@code flyway_schema_history} as this build's Flyway writes it for a migration. */
    record HistoryRow(MigrationVersion version, String description, String type, String script, Integer checksum) {

        boolean matches(ResultSet row) throws SQLException {
            String applied = row.getString(1);
            int checksumColumn = row.getInt(5);
            Integer appliedChecksum = row.wasNull() ? null : checksumColumn;
            return applied != null && version.equals(MigrationVersion.fromVersion(applied))
                    && description.equals(row.getString(2)) && type.equals(row.getString(3))
                    && script.equals(row.getString(4)) && checksum != null && checksum.equals(appliedChecksum);
        }
    }

    /**
     * The history an up-to-date file holds, resolved once by Flyway itself (so checksums and
     * descriptions are computed exactly as its validation computes them) against an empty in-memory
     * database. Empty, which disables the fast path, if that fails or disagrees with the index.
     */
    List<HistoryRow> expectedHistory() {
        List<HistoryRow> known = expectedHistory;
        if (known == null) {
            synchronized (this) {
                if (expectedHistory == null) {
                    expectedHistory = resolveExpectedHistory();
                }
                known = expectedHistory;
            }
        }
        return known;
    }

    private List<HistoryRow> resolveExpectedHistory() {
        try {
            List<HistoryRow> rows = Arrays.stream(QuietFlyway.run(
                            () -> MigrationSets.configure(index, "jdbc:sqlite::memory:").load().info().all()))
                    .map(info -> new HistoryRow(info.getVersion(), info.getDescription(), info.getType().name(),
                            info.getScript(), info.getChecksum()))
                    .toList();
            boolean consistent = rows.size() == index.files().size()
                    && rows.stream().allMatch(row -> row.version() != null && row.checksum() != null)
                    && rows.get(rows.size() - 1).version().equals(index.newest());
            if (!consistent) {
                LOG.warnf("The %s migrations Flyway resolves do not match db/%s.idx; every file will be validated by Flyway",
                        SET, SET);
                return List.of();
            }
            return rows;
        } catch (RuntimeException e) {
            LOG.warnf("Cannot resolve the %s migrations (%s); every file will be validated by Flyway", SET, e.getMessage());
            return List.of();
        }
    }
}
