package dev.steadfast.project;

import dev.steadfast.common.SteadfastConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Makes the committed transactions of a project file durable in groups: one {@code fdatasync} of
 * the file's write-ahead log covers every transaction committed before it started.
 * <p>
 * With {@code synchronous=FULL}, SQLite syncs the log inside every commit, while the transaction
 * still holds the file's single write turn: the turn was then held for the sync (about 80% of it in
 * a wall-clock profile of task creation at 16 connections), and creations went one sync at a time.
 * So when {@code steadfast.database.synchronous} is {@code FULL}, the writer connection commits with
 * {@code synchronous=NORMAL} (SQLite appends to the log and syncs it only around checkpoints), and
 * the transaction, once it has given the turn back, waits here until a sync that began after its
 * commit has finished. Only then does its request answer, so every acknowledged write is on disk,
 * as with {@code FULL}; transactions that commit while a sync runs share the next one.
 * <p>
 * The sync opens the log by name each time: if the file was closed meanwhile (SQLite checkpoints
 * the log into the database file, syncs that, and removes the log), there is no log and nothing
 * left to sync. A failed sync is not retried (after a failed {@code fsync} the kernel may have
 * dropped the data, so a later success proves nothing): that request and every later write answer
 * 503, and liveness goes DOWN so that the orchestrator restarts the service, which recovers from
 * what is on disk.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Set on the committing thread when its write could not be made durable; read by the response. */
    private static final ThreadLocal<String> NOT_DURABLE = new ThreadLocal<>();

    private final boolean enabled;
    /** How a project's log is synced: the file next to the project's database (tests: a stand-in). */
    private final Function<String, LogSync> syncOfProject;
    private final Map<String, WalSync> logs = new ConcurrentHashMap<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile String failure;

    @Inject
    GroupCommit(SteadfastConfig config, ProjectFiles files) {
        this("FULL".equalsIgnoreCase(config.database().synchronous()), id -> {
            Path log = Path.of(files.file(id) + "-wal");
            return () -> syncFile(log);
        });
    }

    GroupCommit(boolean enabled, Function<String, LogSync> syncOfProject) {
        this.enabled = enabled;
        this.syncOfProject = syncOfProject;
    }

    /** Whether writers commit without a sync of their own (the configured level is FULL). */
    public boolean enabled() {
        return enabled;
    }

    /** The {@code synchronous} level of the writer connection of a project file. */
    public String writerSynchronous(String configured) {
        return enabled ? "NORMAL" : configured;
    }

    /** Takes a ticket for a transaction that just committed; called while it still holds the turn. */
    long committed(String projectId) {
        commits.incrementAndGet();
        return log(projectId).committed();
    }

    /**
     * Returns once the transaction with this ticket is on disk. If it cannot be made durable, the
     * failure is logged and kept for the response of this thread's request ({@link #takeFailure()}).
     */
    void awaitDurable(String projectId, long ticket) {
        String failed = failure;
        if (failed == null) {
            try {
                log(projectId).awaitSynced(ticket);
                return;
            } catch (IOException e) {
                failed = "the write-ahead log of project " + projectId + " could not be synced to disk: " + e;
                if (failure == null) {
                    failure = failed;
                }
                LOG.errorf("Project %s: a committed transaction could not be made durable (%s). Every later write "
                        + "answers 503 and liveness is DOWN: restart the service to recover from what is on disk.",
                        projectId, e);
            }
        }
        NOT_DURABLE.set(failed);
    }

    /** The reason the write of this thread's request is not durable, or null; clears it. */
    public static String takeFailure() {
        String failed = NOT_DURABLE.get();
        if (failed != null) {
            NOT_DURABLE.remove();
        }
        return failed;
    }

    /** Why writes can no longer be made durable, or null while every sync has succeeded. */
    public String failure() {
        return failure;
    }

    void registerMetrics(@Observes StartupEvent event, MeterRegistry registry) {
        FunctionCounter.builder("steadfast.project.commits", commits, AtomicLong::get)
                .description("Transactions committed on project files").register(registry);
        FunctionCounter.builder("steadfast.project.log.syncs", syncs, AtomicLong::get)
                .description("Syncs of project write-ahead logs; each covers the commits before it").register(registry);
    }

    /** Commits and log syncs so far (metrics, tests): their ratio is the size of a group. */
    long commitCount() {
        return commits.get();
    }

    long syncCount() {
        return syncs.get();
    }

    private WalSync log(String projectId) {
        return logs.computeIfAbsent(projectId, id -> {
            LogSync sync = syncOfProject.apply(id);
            return new WalSync(() -> {
                syncs.incrementAndGet();
                sync.run();
            });
        });
    }

    private static void syncFile(Path log) throws IOException {
        // A file channel used by an interrupted thread closes itself and fails: that would read as a
        // failed sync, so the flag is set aside for the sync and restored after it.
        boolean interrupted = Thread.interrupted();
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            channel.force(false); // fdatasync, as SQLite syncs the log
        } catch (NoSuchFileException e) {
            // Closed since: SQLite checkpointed the log into the database file and synced that.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A sync of one log file. */
    @FunctionalInterface
    interface LogSync {
        void run() throws IOException;
    }

    /**
     * One project's log: tickets in commit order, and the highest ticket known to be on disk. At
     * most one sync runs at a time; whoever needs one when none runs starts it for everybody.
     */
    static final class WalSync {
        private final LogSync sync;
        private long committed;
        private long synced;
        private boolean syncing;
        private IOException failed;

        WalSync(LogSync sync) {
            this.sync = sync;
        }

        synchronized long committed() {
            return ++committed;
        }

        void awaitSynced(long ticket) throws IOException {
            long target;
            synchronized (this) {
                boolean interrupted = false;
                while (failed == null && synced < ticket && syncing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the write is committed: its durability is still owed
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (failed != null) {
                    throw failed;
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
                target = committed; // every commit up to here is in the log already
            }
            boolean done = false;
            IOException error = null;
            try {
                sync.run();
                done = true;
            } catch (IOException e) {
                error = e;
                throw e;
            } finally {
                synchronized (this) {
                    syncing = false;
                    if (done) {
                        synced = Math.max(synced, target);
                    } else { // never retried: see the class comment
                        failed = error != null ? error : new IOException("the log sync did not complete");
                    }
                    notifyAll();
                }
            }
        }
    }
}
