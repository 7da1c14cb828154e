package dev.steadfast.schema;

import dev.steadfast.common.SteadfastConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteOpenMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flyway configured the Steadfast way for one migration set and one SQLite file: migrations from
 * the build-time index, validation on, clean disabled, newer databases refused. Used for project
 * files, adoption and dry runs (Quarkus configures the catalog's boot migration itself).
 */
final class MigrationSets {

    private MigrationSets() {
    }

    /**
     * The JDBC URL of an existing file with the service's pragmas, which SQLite applies on every
     * connection. It opens the file read-write without SQLite's create flag: a file that went missing
     * fails to open instead of coming back as a new, empty database that would pass for it.
     */
    static String existingFileUrl(Path file, SteadfastConfig.Database database) {
        return existingFileUrl(file, database, database.synchronous());
    }

    /** The same with another {@code synchronous} level (a writer whose commits are synced in groups). */
    static String existingFileUrl(Path file, SteadfastConfig.Database database, SteadfastConfig.Synchronous synchronous) {
        return url(file, database, synchronous) + "&open_mode=" + SQLiteOpenMode.READWRITE.flag;
    }

    /** The same, for a file to be created (a new project, a scratch copy): SQLite's default flags. */
    static String newFileUrl(Path file, SteadfastConfig.Database database) {
        return url(file, database, database.synchronous());
    }

    private static String url(Path file, SteadfastConfig.Database database, SteadfastConfig.Synchronous synchronous) {
        return "jdbc:sqlite:" + file + "?journal_mode=WAL&foreign_keys=true"
                + "&busy_timeout=" + database.busyTimeoutMillis()
                + "&synchronous=" + synchronous.name();
    }

    /** A connection URL that can only read: inspecting a file must never change it. */
    static String readOnlyUrl(Path file) {
        return "jdbc:sqlite:" + file + "?open_mode=" + SQLiteOpenMode.READONLY.flag;
    }

    /**
     * A connection URL that only reads a file nobody else has open (the boot's check of each project
     * file, or a retry's, with the file's pool closed). When the file has no write-ahead log with
     * frames in it (after a clean shutdown) nor a rollback journal, everything is in the database
     * file itself, and SQLite's immutable mode reads it without locks and without creating the
     * {@code -wal} and {@code -shm} side files: about half the cost of a read-only open, which
     * counts at 1,000 files. A log with frames, after a crash, is read with {@link #readOnlyUrl}.
     */
    static String readOnlyUrlAtRest(Path file) {
        if (hasContent(sideFile(file, "-wal")) || Files.exists(sideFile(file, "-journal"))) {
            return readOnlyUrl(file);
        }
        // A URI filename, percent-encoded, so that a data directory named with '#', '%' or spaces still works.
        return "jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath() + "?immutable=1&open_mode="
                + (SQLiteOpenMode.READONLY.flag | SQLiteOpenMode.OPEN_URI.flag);
    }

    private static Path sideFile(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static boolean hasContent(Path file) {
        try {
            return Files.size(file) > 0;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // unknown: read it the careful way
        }
    }

    static FluentConfiguration configure(MigrationIndex index, String jdbcUrl) {
        return Flyway.configure()
                .dataSource(jdbcUrl, null, null)
                .resourceProvider(new IndexedResourceProvider(index))
                .javaMigrationClassProvider(List::of)
                .locations("classpath:db/" + index.set())
                .cleanDisabled(true)
                .validateOnMigrate(true)
                // Table rebuilds toggle PRAGMA foreign_keys, which only works outside a transaction.
                .mixed(true)
                .ignoreMigrationPatterns(new String[0]);
    }

    /** Adds callbacks after those a configuration has; Flyway's own setter replaces them. */
    static FluentConfiguration addCallbacks(FluentConfiguration configuration, Callback... more) {
        return configuration.callbacks(Stream.concat(Arrays.stream(configuration.getCallbacks()), Arrays.stream(more))
                .toArray(Callback[]::new));
    }
}
