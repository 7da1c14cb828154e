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
     * says what a missing file means. A file at rest costs one access check and three existence
     * checks (a few milliseconds for 1,000 project files at boot).
     */
    public static Optional<Path> firstUnwritable(Path database) {
        return firstUnwritable(database, WritableDatabaseFiles::isWritable);
    }

    /**
     * {@link Files#isWritable}'s answer (an access check as the process's user) without its cost for
     * a file that is not there, for which it throws and catches an exception; {@link java.io.File}
     * answers both questions without one.
     */
    static boolean isWritable(Path file) {
        return file.toFile().canWrite();
    }

    /** The same with another access check, so the rule is testable where root may write anything. */
    static Optional<Path> firstUnwritable(Path database, Predicate<Path> writable) {
        if (!writable.test(database) && database.toFile().exists()) {
            return Optional.of(database);
        }
        for (String suffix : SIDE_FILE_SUFFIXES) {
            Path side = database.resolveSibling(database.getFileName() + suffix);
            // Existence first: at rest (after a clean shutdown) side files are absent, one check each.
            if (side.toFile().exists() && !writable.test(side)) {
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
