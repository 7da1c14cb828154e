package dev.steadfast.datadir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether the service can write a SQLite database: the file itself and the side files SQLite keeps
 * beside it. SQLite opens a file it may not write read-only without a word, and it creates its
 * {@code -wal} and {@code -shm} files with the database file's mode, so a read-only database also
 * leaves read-only side files behind that keep every write failing after the file itself is fixed.
 * Either way reads work and every write fails, so the service checks before it opens the file.
 */
public final class WritableDatabaseFiles {

    /** The side files SQLite may keep next to a database; only those that exist are checked. */
    static final List<String> SIDE_FILE_SUFFIXES = List.of("-wal", "-shm", "-journal");

    private WritableDatabaseFiles() {
    }

    /**
     * The first of {@code database} and its existing side files that the service cannot write, or
     * empty when all can be written. A missing database file is not reported here: whoever opens it
     * says what a missing file means. One access check per file that is fine, so a boot over 1,000
     * files stays cheap.
     */
    public static Optional<Path> firstUnwritable(Path database) {
        return firstUnwritable(database, Files::isWritable);
    }

    /** The same with another access check, so the rule is testable where root may write anything. */
    static Optional<Path> firstUnwritable(Path database, Predicate<Path> writable) {
        if (!writable.test(database) && Files.exists(database)) {
            return Optional.of(database);
        }
        for (String suffix : SIDE_FILE_SUFFIXES) {
            Path side = database.resolveSibling(database.getFileName() + suffix);
            // Writable first: the common answer for a file that exists, and one check; absent files are fine.
            if (!writable.test(side) && Files.exists(side)) {
                return Optional.of(side);
            }
        }
        return Optional.empty();
    }

    /** What a person has to do about {@code file}, in one sentence for a log line or a reason. */
    public static String problem(Path file) {
        return file + " is not writable by the service user (" + System.getProperty("user.name") + "): SQLite would"
                + " open the database read-only, so reads would work and every write would fail. Make the file"
                + " writable for the service user (owner and mode, like the rest of the data directory)";
    }
}
