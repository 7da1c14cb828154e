package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.api.MigrationVersion;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adopts a database that has tables but no migration history (made before migrations existed, or
 * by another tool): its live schema is compared with the schema of every version this build knows,
 * computed by applying the migrations themselves to scratch files. On an exact match Flyway is
 * baselined at that version and the normal migration does the rest; with no match the database is
 * refused with the differences from the closest version, and left untouched. Never baselines blindly.
 */
@ApplicationScoped
public class SchemaAdoption {

    static final String HISTORY = "flyway_schema_history";
    private static final Logger LOG = Logger.getLogger(SchemaAdoption.class);

    private record KnownVersion(MigrationVersion version, SchemaDescription schema) {
    }

    private final Map<String, List<KnownVersion>> known = new ConcurrentHashMap<>();
    private final SteadfastConfig config;

    SchemaAdoption(SteadfastConfig config) {
        this.config = config;
    }

    /**
     * Baselines {@code file} if it needs adopting; returns the version adopted, or empty when the
     * file is new, empty or already has a history. Throws {@link SchemaMismatchException} when its
     * schema matches no known version.
     */
    public Optional<MigrationVersion> adoptIfNeeded(String set, String name, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SchemaDescription live;
        try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrl(file))) {
            if (SchemaHistory.tableExists(connection, HISTORY) || !SchemaHistory.hasTablesBesides(connection, HISTORY)) {
                return Optional.empty();
            }
            live = SchemaDescription.of(connection, HISTORY);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect " + name + " database " + file + ": " + e.getMessage(), e);
        }
        List<KnownVersion> versions = knownVersions(set);
        for (int i = versions.size() - 1; i >= 0; i--) { // newest first: later versions may share a shape
            KnownVersion candidate = versions.get(i);
            if (candidate.schema().equals(live)) {
                Runnable baseline = () -> MigrationSets.configure(MigrationIndex.load(set),
                                MigrationSets.existingFileUrl(file, config.database()))
                        .baselineVersion(candidate.version())
                        .baselineDescription("adopted: schema matched version " + candidate.version())
                        .load().baseline();
                if (set.equals(CatalogFlywayCustomizer.SET)) {
                    baseline.run(); // Flyway's lines about the catalog are the catalog's migration log
                } else {
                    QuietFlyway.run(() -> { // the WARN below names the file; Flyway's lines would not
                        baseline.run();
                        return null;
                    });
                }
                LOG.warnf("The %s database %s had no migration history; its schema matches version %s exactly, "
                        + "so it was adopted (baselined) at %s", name, file, candidate.version(), candidate.version());
                return Optional.of(candidate.version());
            }
        }
        KnownVersion closest = versions.stream()
                .min(Comparator.comparingInt(v -> live.differencesFrom(v.schema()).size())).orElseThrow();
        throw new SchemaMismatchException("The " + name + " database " + file + " has tables but no migration history, "
                + "and its schema matches no version this build knows. It was left unchanged. Closest is version "
                + closest.version() + "; differences: " + String.join("; ", live.differencesFrom(closest.schema())));
    }

    /** The schema after each known version of a set, built once by migrating scratch files. */
    private List<KnownVersion> knownVersions(String set) {
        return known.computeIfAbsent(set, s -> {
            MigrationIndex index = MigrationIndex.load(s);
            List<KnownVersion> versions = new ArrayList<>();
            try {
                Path scratch = Files.createTempDirectory("steadfast-schema-" + s);
                for (String migration : index.files()) {
                    MigrationVersion version = MigrationIndex.versionOf(migration);
                    Path file = scratch.resolve("v" + version + ".db");
                    QuietFlyway.run(() -> MigrationSets.configure(index, MigrationSets.newFileUrl(file, config.database()))
                            .target(version).load().migrate()); // scratch copies: their lines would read like a real migration
                    try (Connection connection = DriverManager.getConnection(MigrationSets.readOnlyUrl(file))) {
                        versions.add(new KnownVersion(version, SchemaDescription.of(connection, HISTORY)));
                    }
                }
                try (var leftovers = Files.list(scratch)) { // database files with their -wal and -shm
                    for (Path leftover : leftovers.toList()) {
                        Files.deleteIfExists(leftover);
                    }
                }
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot describe the known schemas of " + s + ": " + e.getMessage(), e);
            }
            versions.sort(Comparator.comparing(KnownVersion::version));
            return versions;
        });
    }
}
