package dev.steadfast.datadir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A database counts as writable only if the file and every side file SQLite left beside it are. */
class WritableDatabaseFilesTest {

    @Test
    void shouldFindAReadOnlySideFileLeftBesideAFixedDatabase(@TempDir Path dir) throws Exception {
        Path db = Files.writeString(dir.resolve("p.db"), "x");
        Path shm = Files.writeString(dir.resolve("p.db-shm"), "");
        Files.writeString(dir.resolve("p.db-wal"), "");

        assertEquals(Optional.of(shm), WritableDatabaseFiles.firstUnwritable(db, file -> !file.equals(shm)));
    }

    @Test
    void shouldIgnoreSideFilesThatDoNotExist(@TempDir Path dir) throws Exception {
        Path db = Files.writeString(dir.resolve("p.db"), "x");

        // Absent files are never writable to an access check; they are no problem either.
        assertEquals(Optional.empty(), WritableDatabaseFiles.firstUnwritable(db, file -> file.equals(db)));
    }

    @Test
    void shouldSeeAReallyUnwritableFile(@TempDir Path dir) throws Exception {
        Path db = Files.writeString(dir.resolve("p.db"), "x");
        Path wal = Files.writeString(dir.resolve("p.db-wal"), "");
        assertEquals(Optional.empty(), WritableDatabaseFiles.firstUnwritable(db));

        try (var unwritable = UnwritableFile.make(wal)) {
            assertEquals(Optional.of(wal), WritableDatabaseFiles.firstUnwritable(db));
        }
        try (var unwritable = UnwritableFile.make(db)) {
            assertEquals(Optional.of(db), WritableDatabaseFiles.firstUnwritable(db));
        }
    }
}
