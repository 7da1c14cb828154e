package dev.steadfast.datadir;

import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory holding everything the service owns. It is resolved, created and checked before
 * the first database connection: an empty or unusable setting stops the boot, because SQLite
 * would otherwise quietly open a private temporary database or a file in the wrong place.
 */
@ApplicationScoped
public class DataDirectory {

    public static final String CATALOG_FILE = "steadfast.db";

    /** The subdirectories the service creates and moves files in, each with what it writes there. */
    public enum Subdirectory {
        PROJECTS("projects", "every project's file is created in it and moved out of it when the project is purged"),
        ARCHIVE("archive", "a purged project's file is moved into it"),
        BACKUPS("backups", "a snapshot of a database is written into it before the database is migrated");

        private final String directoryName;
        private final String use;

        Subdirectory(String directoryName, String use) {
            this.directoryName = directoryName;
            this.use = use;
        }

        /** Its name inside the data directory, as a client may be told it ({@code projects/}). */
        public String displayName() {
            return directoryName + "/";
        }
    }

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

    public Path directory(Subdirectory subdirectory) {
        return root.resolve(subdirectory.directoryName);
    }

    /**
     * Stops the boot when the service cannot write into one of its subdirectories: it would serve,
     * and every creation or purge of a project (or migration snapshot) would fail with a 500. A
     * directory not created yet passes: it is made inside the data directory, which is writable.
     */
    public void requireWritableSubdirectories() {
        requireWritableSubdirectories(root);
    }

    static void requireWritableSubdirectories(Path root) {
        for (Subdirectory subdirectory : Subdirectory.values()) {
            unwritable(root, subdirectory).ifPresent(problem -> {
                throw new IllegalStateException(problem + ", then start the service again. Refusing to start.");
            });
        }
    }

    /** Empty when the service can write into {@code subdirectory}; otherwise what is wrong and what to do. */
    public Optional<String> unwritable(Subdirectory subdirectory) {
        return unwritable(root, subdirectory);
    }

    private static Optional<String> unwritable(Path root, Subdirectory subdirectory) {
        Path directory = root.resolve(subdirectory.directoryName);
        if (canWriteInto(directory)) {
            return Optional.empty();
        }
        return Optional.of(directory + " is not a directory the service user (" + System.getProperty("user.name")
                + ") can write into: " + subdirectory.use + ". Make it a directory the service user can write into"
                + " (owner and mode, like the rest of the data directory; if lsattr -d shows it immutable, chattr -i)");
    }

    /**
     * Whether files can be created, renamed and removed in {@code directory}: it must be a directory
     * the process may write and search. One not made yet counts as the directory it will be made in.
     */
    static boolean canWriteInto(Path directory) {
        File file = directory.toFile();
        if (!file.exists()) {
            Path parent = directory.getParent();
            return parent != null && canWriteInto(parent);
        }
        return file.isDirectory() && file.canWrite() && file.canExecute();
    }

    /**
     * Warns when the catalog is about to be made new (missing, or emptied to 0 bytes) while project
     * files lie in {@code projects/}: it looks like a first install, and those files would sit there
     * unregistered, their projects neither listed nor served. Called before the catalog is first
     * opened; the files are left as they are.
     */
    public void warnIfNewCatalogBesideProjectFiles() {
        newCatalogBesideProjectFiles(catalogFile(), directory(Subdirectory.PROJECTS)).ifPresent(LOG::warn);
    }

    static Optional<String> newCatalogBesideProjectFiles(Path catalog, Path projects) {
        File catalogFile = catalog.toFile();
        if (catalogFile.length() > 0) { // 0 for a missing file too
            return Optional.empty();
        }
        long files;
        try (Stream<Path> entries = Files.list(projects)) {
            files = entries.filter(p -> p.getFileName().toString().endsWith(".db") && Files.isRegularFile(p)).count();
        } catch (IOException e) { // none yet, or unreadable: nothing to say about them
            return Optional.empty();
        }
        if (files == 0) {
            return Optional.empty();
        }
        return Optional.of("The catalog " + catalog + (catalogFile.exists() ? " is empty (0 bytes)" : " is missing")
                + ", so a new one is created, but " + files + (files == 1 ? " project file exists in " : " project files exist in ")
                + projects + " and " + (files == 1 ? "is not registered in it: its project is" : "are not registered in it: their"
                + " projects are") + " neither listed nor served. If this data directory had a catalog, stop the service and restore " + catalog
                + " from a backup (the project files are left as they are; see Restore in docs/operations.md).");
    }

    public Path lockFile() {
        return root.resolve("steadfast.lock");
    }

    public Path initialAdminPasswordFile() {
        return root.resolve("initial-admin-password");
    }
}
