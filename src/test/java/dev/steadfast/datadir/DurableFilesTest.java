package dev.steadfast.datadir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forcing files to disk: a log another writer appends to, and a finished file put in place. */
class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldSyncALogEvenOnAnInterruptedThreadAndKeepTheInterrupt() throws Exception {
        Path log = Files.writeString(dir.resolve("p.db-wal"), "frames");
        Thread.currentThread().interrupt();
        try {
            // An interruptible channel would close itself and fail: a failed sync refuses every write.
            assertDoesNotThrow(() -> DurableFiles.syncIfPresent(log));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the caller's to handle");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldTreatALogThatIsGoneAsNothingLeftToSync() {
        assertDoesNotThrow(() -> DurableFiles.syncIfPresent(dir.resolve("closed.db-wal")));
    }

    @Test
    void shouldPutAFinishedFileInPlaceWholeUnderItsName() throws Exception {
        Path written = Files.writeString(dir.resolve("part"), "whole");
        Path target = Files.writeString(dir.resolve("final"), "old");
        DurableFiles.moveIntoPlace(written, target);
        assertEquals("whole", Files.readString(target));
        assertTrue(Files.notExists(written));
    }
}
