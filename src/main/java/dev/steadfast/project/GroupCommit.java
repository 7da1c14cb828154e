package dev.steadfast.project;

import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.datadir.DurableFiles;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * as with {@code FULL}; transactions that commit while a sync runs share the next one. One thing
 * differs from {@code FULL}: other requests can read a commit during the sync that makes it durable
 * (SQLite shows it once it is in the log), and a power loss in that window (under a millisecond
 * here) removes it, although its own request was never answered.
 * <p>
 * The sync opens the log by name each time: if the file was closed meanwhile (SQLite checkpoints
 * the log into the database file, syncs that, and removes the log), there is no log and nothing
 * left to sync. A failed sync is not retried (after a failed {@code fsync} the kernel may have
 * dropped the data, so a later success proves nothing), and neither is any I/O error SQLite itself
 * reports ({@link #storageFailed}): that request answers 503, no later transaction starts (503), and
 * liveness goes DOWN so that the orchestrator restarts the service, which recovers from what is on
 * disk. A sync that hangs is waited for at most the busy timeout (then the request answers 503 not
 * knowing), and while it hangs no new transaction of the project starts (503 busy).
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    /** Set on the committing thread when its write could not be made durable; read by the response. */
    private static final ThreadLocal<String> NOT_DURABLE = new ThreadLocal<>();

    private final boolean enabled;
    /** How long a committed transaction waits for its sync, and a sync may run before writers are refused. */
    private final long patienceNanos;
    /** How a project's log is synced: the file next to the project's database (tests: a stand-in). */
    private final Function<String, LogSync> syncOfProject;
    private final Map<String, WalSync> logs = new ConcurrentHashMap<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private volatile String failure;

    @Inject
    GroupCommit(SteadfastConfig config, ProjectFiles files) {
        this(config.database().synchronous() == SteadfastConfig.Synchronous.FULL, config.database().busyTimeoutMillis(), id -> {
            Path log = Path.of(files.file(id) + "-wal");
            return () -> DurableFiles.syncIfPresent(log); // gone: closed, so SQLite checkpointed and synced it
        });
    }

    public GroupCommit(boolean enabled, long patienceMillis, Function<String, LogSync> syncOfProject) {
        this.enabled = enabled;
        this.patienceNanos = TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        this.syncOfProject = syncOfProject;
    }

    /** Whether writers commit without a sync of their own (the configured level is FULL). */
    public boolean enabled() {
        return enabled;
    }

    /** The {@code synchronous} level of the writer connection of a project file. */
    public SteadfastConfig.Synchronous writerSynchronous(SteadfastConfig.Synchronous configured) {
        return enabled ? SteadfastConfig.Synchronous.NORMAL : configured;
    }

    /** Takes a ticket for a transaction that just committed; called while it still holds the turn. */
    long committed(String projectId) {
        commits.incrementAndGet();
        return log(projectId).committed();
    }

    /**
     * Why a new transaction of the project must not start, or null: writes can no longer be made
     * durable, or the project's log sync has hung for longer than the busy timeout (a stuck disk:
     * refused like a busy file, instead of committing writes that could not be acknowledged).
     */
    String refusal(String projectId) {
        if (failure != null) {
            return failure;
        }
        WalSync log = logs.get(projectId);
        return log != null && log.syncRunningLongerThan(patienceNanos)
                ? "the write-ahead log of project " + projectId + " has been syncing for more than "
                        + TimeUnit.NANOSECONDS.toMillis(patienceNanos) + " ms"
                : null;
    }

    /**
     * Returns once the transaction with this ticket is on disk, or the busy timeout has passed. If
     * it is not known to be durable then, the reason is kept for the response of this thread's
     * request ({@link #takeFailure()}); a failed sync is also logged and refuses every later project write.
     */
    void awaitDurable(String projectId, long ticket) {
        String failed = failure;
        if (failed == null) {
            try {
                if (log(projectId).awaitSynced(ticket, patienceNanos)) {
                    failed = failure; // an I/O error SQLite met meanwhile (see storageFailed) may have lost it
                    if (failed == null) {
                        return;
                    }
                } else {
                    failed = "the write-ahead log of project " + projectId + " was not synced within "
                            + TimeUnit.NANOSECONDS.toMillis(patienceNanos) + " ms";
                    LOG.warnf("Project %s: a committed transaction was answered before it was known to be on disk: %s",
                            projectId, failed);
                }
            } catch (IOException | RuntimeException e) {
                failed = "the write-ahead log of project " + projectId + " could not be synced to disk: " + e;
                storageFailed(failed);
            }
        }
        NOT_DURABLE.set(failed);
    }

    /**
     * Records that storage lost a write (a failed log sync, or an I/O error SQLite reported): from
     * now on no write is acknowledged and liveness is DOWN, so that a restart recovers from disk.
     */
    public synchronized void storageFailed(String reason) {
        if (failure == null) {
            failure = reason;
            LOG.errorf("Storage failure: %s. Every later write to a project file is refused and liveness is DOWN: restart the "
                    + "service to recover from what is on disk.", reason);
        }
    }

    /** The reason the write of this thread's request is not durable, or null; clears it. */
    public static String takeFailure() {
        String failed = NOT_DURABLE.get();
        if (failed != null) {
            NOT_DURABLE.remove();
        }
        return failed;
    }

    /** Why writes can no longer be made durable, or null while storage has not failed. */
    public String failure() {
        return failure;
    }

    void registerMetrics(@Observes StartupEvent event, MeterRegistry registry) {
        FunctionCounter.builder("steadfast.project.commits", commits, AtomicLong::get)
                .description("Transactions committed on project files").register(registry);
        FunctionCounter.builder("steadfast.project.log.syncs", syncs, AtomicLong::get)
                .description("Syncs of project write-ahead logs; each covers the commits before it").register(registry);
    }

    /**
     * Drops the sync state of a project whose file left the service (purge), so that purged projects
     * do not accumulate. Called once nothing writes to the file any more; a request still waiting for
     * a sync keeps the state it holds.
     */
    void forget(String projectId) {
        logs.remove(projectId);
    }

    /** Whether sync state is kept for the project (tests). */
    boolean tracks(String projectId) {
        return logs.containsKey(projectId);
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

    /** A sync of one log file. */
    @FunctionalInterface
    public interface LogSync {
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
        private long syncStarted;
        private IOException failed;

        WalSync(LogSync sync) {
            this.sync = sync;
        }

        synchronized long committed() {
            return ++committed;
        }

        /** Whether a sync has been running for longer than that (a hung disk). */
        synchronized boolean syncRunningLongerThan(long nanos) {
            return syncing && System.nanoTime() - syncStarted > nanos;
        }

        /**
         * Waits until the ticket's commit is synced: true once it is, false if another sync running
         * for it had not finished within the patience; throws if a sync failed.
         */
        boolean awaitSynced(long ticket, long patienceNanos) throws IOException {
            long target;
            synchronized (this) {
                boolean interrupted = false;
                long deadline = System.nanoTime() + patienceNanos;
                while (failed == null && synced < ticket && syncing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
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
                    return true;
                }
                if (syncing) {
                    return false;
                }
                syncing = true;
                syncStarted = System.nanoTime();
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
            return true;
        }
    }
}
