package dev.steadfast.datadir;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Putting a finished file in place so that a crash or power loss leaves either no file or the whole
 * file under its name, never a truncated one: its content is forced to disk, it is renamed
 * atomically, and the rename itself is forced to disk with the directory. Also forcing a file
 * another writer appends to.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Forces {@code written} to disk, renames it to {@code target} (replacing it), forces the directory. */
    public static void moveIntoPlace(Path written, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Forces the data of a file that others write (a SQLite write-ahead log) to disk, as
     * {@code fdatasync}; a file that is gone has nothing left to force and is no error. A file
     * channel used by an interrupted thread closes itself and fails, which would read as a failed
     * sync (and refuse every later write), so the interrupt flag is set aside for the sync, the sync
     * is made again on a fresh channel when an interrupt arrives during it, and the flag is restored
     * after it.
     */
    public static void syncIfPresent(Path file) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    channel.force(false);
                    return;
                } catch (ClosedByInterruptException e) {
                    interrupted |= Thread.interrupted(); // the pages are still dirty in the cache: force them again
                } catch (NoSuchFileException e) {
                    return; // gone: nothing to force
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Forces a directory's entries (a rename, a new file) to disk, where the platform allows it. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open a directory: the rename is still atomic there.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
