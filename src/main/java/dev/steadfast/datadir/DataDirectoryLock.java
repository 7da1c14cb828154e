package dev.steadfast.datadir;

import dev.steadfast.common.SteadfastConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer per data directory. SQLite lets any number of processes open a file and Flyway's
 * lock is a no-op on SQLite, so two processes started together could both migrate; an OS lock on
 * {@code steadfast.lock}, held from before the first migration until exit, prevents that. The
 * file names its owner so the process that has to give up can say who holds it.
 */
@ApplicationScoped
public class DataDirectoryLock {

    private static final Logger LOG = Logger.getLogger(DataDirectoryLock.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final DataDirectory dataDirectory;
    private final Duration maxWait;
    private FileChannel channel;
    private FileLock lock;
    /** Identity (inode) of the file the lock is on; null where the platform has none. */
    private Object lockedFile;
    private boolean lossReported;

    DataDirectoryLock(DataDirectory dataDirectory, SteadfastConfig config) {
        this.dataDirectory = dataDirectory;
        this.maxWait = config.lockWait();
    }

    /** Takes the lock, waiting up to {@code steadfast.lock-wait}; idempotent. */
    public synchronized void acquire() {
        if (lock != null) {
            return;
        }
        var file = dataDirectory.lockFile();
        Thread stopWaiting = stopWaitingOnShutdown(Thread.currentThread());
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Instant deadline = Instant.now().plus(maxWait);
            boolean announced = false;
            while ((lock = channel.tryLock()) == null) {
                if (Instant.now().isAfter(deadline)) {
                    String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
                    channel.close();
                    throw new IllegalStateException("Data directory " + dataDirectory.root() + " is in use by another "
                            + "Steadfast process (" + owner + "); gave up after " + maxWait.toSeconds()
                            + " s. Only one process may own a data directory.");
                }
                if (!announced) {
                    LOG.warnf("Data directory %s is locked by another process (%s); waiting up to %d s",
                            dataDirectory.root(), Files.readString(file, StandardCharsets.UTF_8).strip(), maxWait.toSeconds());
                    announced = true;
                }
                Thread.sleep(POLL.toMillis());
            }
            writeOwner();
            lockedFile = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            LOG.infof("Holding data-directory lock %s", file);
        } catch (ClosedByInterruptException e) { // the stop arrived during tryLock
            throw stoppedWhileWaiting(e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot lock data directory " + dataDirectory.root() + ": " + e, e);
        } catch (InterruptedException e) {
            // The interrupt is the stop itself and ends here: left set, it would break the shutdown
            // tasks Quarkus then runs on this same thread.
            throw stoppedWhileWaiting(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWaiting);
            } catch (IllegalStateException shuttingDown) {
                // the hook has run or is running: nothing to remove
            }
        }
    }

    /**
     * A SIGTERM during the boot waits for the boot to end, and the boot may be waiting here for up
     * to {@code steadfast.lock-wait}: this hook ends the wait at once, so that a process stopped
     * while it waits stops within the orchestrator's grace period instead of being killed.
     */
    private static Thread stopWaitingOnShutdown(Thread waiter) {
        Thread hook = new Thread(waiter::interrupt, "data-directory-lock-wait-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private IllegalStateException stoppedWhileWaiting(Exception cause) {
        Thread.interrupted(); // a stop during tryLock leaves the flag set as well
        closeQuietly();
        // Logged here: Quarkus does not report a boot failure that happens while it is stopping.
        String message = "Stopped while waiting for the data-directory lock of " + dataDirectory.root()
                + ": the process is shutting down; nothing was opened or migrated";
        LOG.warn(message);
        return new IllegalStateException(message, cause);
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debugf("Closing the lock file after a stopped wait: %s", e.getMessage());
        }
        channel = null;
    }

    /**
     * Still holding the lock: liveness reports on it without touching a database. An OS lock stays
     * valid on a file that was deleted or replaced, while a second process could lock the new file
     * at that path and write beside this one; so the file at the path must still be the locked one.
     */
    public synchronized boolean held() {
        boolean held = lock != null && lock.isValid() && lockFileIsStillInPlace();
        if (!held && lock != null && !lossReported) {
            lossReported = true;
            LOG.errorf("The data-directory lock file %s was deleted or replaced: this process no longer keeps other "
                    + "processes out of %s; liveness is DOWN so that it is restarted", dataDirectory.lockFile(),
                    dataDirectory.root());
        }
        return held;
    }

    private boolean lockFileIsStillInPlace() {
        try {
            Object current = Files.readAttributes(dataDirectory.lockFile(), BasicFileAttributes.class).fileKey();
            return lockedFile == null || lockedFile.equals(current);
        } catch (IOException e) { // gone
            return false;
        }
    }

    private void writeOwner() throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        String owner = "host=" + host + " pid=" + ProcessHandle.current().pid() + " started=" + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    @PreDestroy
    synchronized void release() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
                LOG.info("Released data-directory lock");
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warnf("Could not release the data-directory lock cleanly: %s", e.getMessage());
        } finally {
            lock = null;
            channel = null;
        }
    }
}
