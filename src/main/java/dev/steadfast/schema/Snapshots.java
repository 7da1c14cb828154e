package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.datadir.DurableFiles;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Consistent copies of a database taken before it is migrated, in {@code <data-dir>/backups/}, named
 * {@code <name>-v<from>-to-v<to>-<UTC time>.db}; the newest {@code steadfast.backups.keep} per
 * database are kept. {@code VACUUM INTO} writes a transactionally consistent copy through SQLite
 * itself, WAL content included, which copying the file could not promise.
 */
@ApplicationScoped
public class Snapshots {

    private static final Logger LOG = Logger.getLogger(Snapshots.class);
    /** Suffix of a snapshot being written; such files are never listed, and left-overs are pruned. */
    private static final String PARTIAL = ".partial";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final DataDirectory dataDirectory;
    private final int keep;
    /** Read by a function counter: the catalog's snapshot is taken before Micrometer is ready. */
    private final AtomicLong taken = new AtomicLong();

    Snapshots(DataDirectory dataDirectory, SteadfastConfig config) {
        this.dataDirectory = dataDirectory;
        this.keep = Math.max(1, config.backups().keep());
    }

    void registerMetrics(@Observes StartupEvent event, MeterRegistry registry) {
        FunctionCounter.builder("steadfast.snapshots.taken", taken, AtomicLong::get)
                .description("Snapshots written before migrating a database").register(registry);
    }

    public Path directory() {
        return dataDirectory.directory(DataDirectory.Subdirectory.BACKUPS);
    }

    /** Writes a snapshot of the database behind {@code connection}; returns its path. */
    public Path take(Connection connection, String name, String fromVersion, String toVersion) throws SQLException {
        Path target = directory().resolve(name + "-v" + fromVersion + "-to-v" + toVersion + "-" + STAMP.format(Instant.now()) + ".db");
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + target.getParent(), e);
        }
        // Checked at boot too; made unwritable since, SQLite would only say it cannot open the file.
        dataDirectory.unwritable(DataDirectory.Subdirectory.BACKUPS).ifPresent(problem -> {
            throw new IllegalStateException("No snapshot of " + name + " could be written, so it was not migrated: "
                    + problem + ", then retry");
        });
        // Written under a name the listing ignores, and renamed when complete and on disk: a crash
        // during VACUUM INTO (which does not fsync) never leaves a truncated file under a snapshot's name.
        Path partial = Path.of(target + PARTIAL);
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
        }
        try {
            DurableFiles.moveIntoPlace(partial, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot put snapshot " + target + " in place", e);
        }
        taken.incrementAndGet();
        LOG.infof("Snapshot of %s (version %s, migrating to %s) written to %s", name, fromVersion, toVersion, target);
        prune(name);
        return target;
    }

    /** Puts a snapshot back into the database behind {@code connection} (SQLite's backup API). */
    public void restore(Connection connection, Path snapshot) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("restore from \"" + snapshot + "\"");
        }
        LOG.warnf("Restored %s from snapshot %s", connection.getMetaData().getURL(), snapshot);
    }

    /** The newest snapshot of a database, if any. */
    public Optional<Path> latest(String name) {
        return snapshotsOf(name).stream().findFirst();
    }

    private void prune(String name) {
        List<Path> all = snapshotsOf(name);
        List<Path> doomed = new ArrayList<>(all.subList(Math.min(keep, all.size()), all.size()));
        doomed.addAll(partialsOf(name)); // a crash while one was written; the migration never ran
        for (Path old : doomed) {
            try {
                Files.deleteIfExists(old);
                LOG.debugf("Deleted old snapshot %s", old);
            } catch (IOException e) {
                LOG.warnf("Could not delete old snapshot %s: %s", old, e.getMessage());
            }
        }
    }

    private List<Path> partialsOf(String name) {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().startsWith(name + "-v")
                    && p.getFileName().toString().endsWith(PARTIAL)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Snapshots of one database, newest first (the UTC stamp sorts by time). */
    private List<Path> snapshotsOf(String name) {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        String prefix = name + "-v";
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".db"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().substring(
                            p.getFileName().toString().lastIndexOf('-') + 1)).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
