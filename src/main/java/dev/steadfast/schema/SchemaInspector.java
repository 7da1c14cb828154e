package dev.steadfast.schema;

import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.api.MigrationVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Answers operators' questions about one database file without changing it: where its schema
 * stands, and whether its pending migrations would apply (tried on a scratch copy).
 */
@ApplicationScoped
public class SchemaInspector {

    private final Snapshots snapshots;

    SchemaInspector(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Version, pending migrations and newest snapshot of a file; reads only. */
    public DatabaseStatus status(String set, String name, String snapshotName, Path file) {
        MigrationIndex index = MigrationIndex.load(set);
        String lastSnapshot = snapshots.latest(snapshotName).map(Path::toString).orElse(null);
        try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrl(file))) {
            MigrationVersion current = SchemaHistory.highestApplied(connection, SchemaAdoption.HISTORY);
            List<String> pending = pendingAfter(index, current);
            return new DatabaseStatus(name, file.toString(), current == null ? null : current.getVersion(),
                    index.newest().getVersion(), pending, pending.isEmpty() ? "ok" : "pending", null, lastSnapshot);
        } catch (SQLException | RuntimeException e) {
            return new DatabaseStatus(name, file.toString(), null, index.newest().getVersion(), List.of(), "unreadable",
                    dev.steadfast.common.Errors.rootMessage(e), lastSnapshot);
        }
    }

    /** Applies the pending migrations to a scratch copy of the file and reports; the file is untouched. */
    public PlanOutcome dryRun(String set, String name, Path file) {
        long start = System.nanoTime();
        Path scratch = null;
        try {
            scratch = Files.createTempFile("steadfast-plan-", ".db");
            Files.delete(scratch); // VACUUM INTO wants to create the file itself
            try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrl(file));
                 Statement statement = connection.createStatement()) {
                statement.execute("VACUUM INTO '" + scratch.toString().replace("'", "''") + "'");
            }
            MigrationIndex index = MigrationIndex.load(set);
            Path copy = scratch;
            int applied = QuietFlyway.run(() -> MigrationSets.configure(index, "jdbc:sqlite:" + copy + "?foreign_keys=true")
                    .callbacks(new NewerDatabaseGuard(name, index.newest(), NewerDatabaseGuard.REFUSE_PLAN))
                    .load().migrate().migrationsExecuted);
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + scratch)) {
                String problems = SchemaHistory.problems(connection);
                if (!problems.isEmpty()) {
                    return PlanOutcome.failed(name, "checks failed after migrating: " + problems, start);
                }
            }
            return new PlanOutcome(name, true, applied, null, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | SQLException | RuntimeException e) {
            return PlanOutcome.failed(name, dev.steadfast.common.Errors.rootMessage(e), start);
        } finally {
            deleteScratch(scratch);
        }
    }

    private static List<String> pendingAfter(MigrationIndex index, MigrationVersion current) {
        return index.files().stream().map(MigrationIndex::versionOf)
                .filter(v -> current == null || v.isNewerThan(current)).sorted()
                .map(MigrationVersion::getVersion).toList();
    }

    private static void deleteScratch(Path scratch) {
        if (scratch == null) {
            return;
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(Path.of(scratch + suffix));
            } catch (IOException ignored) {
                // a temp file left behind is harmless; the OS cleans its temp directory
            }
        }
    }

    /** Where one database's schema stands. */
    public record DatabaseStatus(String name, String file, String version, String newestKnown, List<String> pending,
                                 String state, String reason, String lastSnapshot) {
        public DatabaseStatus withState(String newState, String newReason) {
            return new DatabaseStatus(name, file, version, newestKnown, pending, newState, newReason, lastSnapshot);
        }
    }

    /** What applying the pending migrations to a copy did. */
    public record PlanOutcome(String name, boolean success, int migrationsApplied, String error, long millis) {
        static PlanOutcome failed(String name, String error, long startNanos) {
            return new PlanOutcome(name, false, 0, error, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }
}
