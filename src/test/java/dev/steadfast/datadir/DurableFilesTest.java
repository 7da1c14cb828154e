package dev.steadfast.datadir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void shouldFinishASyncThatAnInterruptArrivesDuring() throws Exception {
        Path log = dir.resolve("big.db-wal");
        byte[] frames = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(log)) {
            for (int i = 0; i < 64; i++) { // 64 MiB not yet on disk: the sync takes long enough to be interrupted
                out.write(frames);
            }
        }
        CountDownLatch syncing = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            syncing.countDown();
            try {
                DurableFiles.syncIfPresent(log);
            } catch (Throwable e) {
                failure.set(e);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // a sync faster than the interrupt: wait for it here instead
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        writer.start();
        syncing.await();
        Thread.sleep(2);
        writer.interrupt();
        writer.join();
        assertNull(failure.get(), "an interrupt during the sync failed it");
        assertTrue(interruptKept.get(), "the interrupt is the caller's to handle");
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
