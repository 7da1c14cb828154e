package dev.steadfast.datadir;

import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The directory holding everything the service owns. It is resolved, created and checked before
 * the first database connection: an empty or unusable setting stops the boot, because SQLite
 * would otherwise quietly open a private temporary database or a file in the wrong place.
 */
@ApplicationScoped
public class DataDirectory {

    public static final String CATALOG_FILE = "steadfast.db";
    private static final Logger LOG = Logger.getLogger(DataDirectory.class);

    private final Path root;

    DataDirectory(SteadfastConfig config) {
        this.root = resolve(config.dataDir());
    }

    /** Validates a configured value and creates the directory; any problem is a boot error. */
    static Path resolve(String configured) {
        rejectBlank(System.getenv("STEADFAST_DATA_DIR"), "environment variable STEADFAST_DATA_DIR");
        rejectBlank(System.getProperty("steadfast.data-dir"), "system property steadfast.data-dir");
        rejectBlank(configured, "steadfast.data-dir");
        if (!configured.equals(configured.strip())) {
            // The datasource URL uses the value as given: trimming here would split lock and database.
            throw new IllegalStateException("steadfast.data-dir '" + configured + "' has leading or trailing spaces; "
                    + "remove them.");
        }
        if (configured.contains("?")) {
            // Every database URL is jdbc:sqlite:<path>?<settings>: the driver would read what follows
            // the path's own '?' as settings and open another file than the one in the directory.
            throw new IllegalStateException("steadfast.data-dir '" + configured + "' contains '?', which SQLite's JDBC "
                    + "URL reads as the start of its settings, so the databases would be opened somewhere else; "
                    + "choose a path without '?'.");
        }
        Path path;
        try {
            path = Path.of(configured).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalStateException("steadfast.data-dir '" + configured + "' is not a valid path: " + e.getMessage());
        }
        try {
            Files.createDirectories(path);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("steadfast.data-dir " + path + " cannot be created: " + e, e);
        }
        if (!Files.isDirectory(path) || !Files.isWritable(path)) {
            throw new IllegalStateException("steadfast.data-dir " + path + " is not a writable directory");
        }
        LOG.infof("Data directory: %s", path);
        return path;
    }

    private static void rejectBlank(String value, String source) {
        if (value != null && value.isBlank()) {
            throw new IllegalStateException(emptyValueMessage(source));
        }
    }

    static String emptyValueMessage(String source) {
        return source + " is set but empty: refusing to start, because an empty path would give SQLite a "
                + "temporary database and lose every write. Set it to a directory (for example /data) or unset "
                + "it to use ./data.";
    }

    public Path root() {
        return root;
    }

    public Path catalogFile() {
        return root.resolve(CATALOG_FILE);
    }

    /**
     * Stops the boot when the catalog or one of its side files cannot be written: SQLite would open
     * it read-only and the service would come up healthy yet fail every sign-in. Called before the
     * catalog is first opened; a catalog not created yet passes.
     */
    public void requireWritableCatalog() {
        requireWritableCatalog(catalogFile());
    }

    static void requireWritableCatalog(Path catalog) {
        WritableDatabaseFiles.firstUnwritable(catalog).ifPresent(file -> {
            throw new IllegalStateException("Catalog file " + WritableDatabaseFiles.problem(file)
                    + ", then start the service again. Refusing to start.");
        });
    }

    public Path lockFile() {
        return root.resolve("steadfast.lock");
    }

    public Path initialAdminPasswordFile() {
        return root.resolve("initial-admin-password");
    }
}
