package dev.steadfast.project;

import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets one transaction at a time into each project file, in arrival order.
 * <p>
 * SQLite has one writer per file; the others wait in its busy handler, which sleeps in growing
 * steps (1, 2, 5 … 100 ms) before retrying. Under many concurrent writers most of them are asleep
 * while the file is free, which cost creates half their throughput and pushed p99 past a second.
 * Queued here instead, the next transaction starts the moment the previous one ends. Reads outside
 * a transaction never queue (SQLite's WAL lets them run beside the writer).
 * <p>
 * A transaction takes its turn when it first asks for a project connection and gives it back when
 * it completes, committed or rolled back, whichever thread completes it (hence a semaphore, not a
 * lock); a committed one then waits for its write to reach the disk ({@link GroupCommit}). With
 * the turn comes the project's single writer connection ({@link ProjectDatabases}).
 * Waiting is bounded by the SQLite busy timeout and ends as SQLite's own wait would: with
 * {@code SQLITE_BUSY}, a 503 problem.
 */
@ApplicationScoped
public class ProjectWriteQueue {

    private final Map<String, Semaphore> turns = new ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;
    private final TransactionManager transactionManager;
    private final GroupCommit groupCommit;
    private final long timeoutMillis;

    ProjectWriteQueue(TransactionSynchronizationRegistry transactions, TransactionManager transactionManager,
                      GroupCommit groupCommit, SteadfastConfig config) {
        this.transactions = transactions;
        this.transactionManager = transactionManager;
        this.groupCommit = groupCommit;
        this.timeoutMillis = config.database().busyTimeoutMillis();
    }

    /**
     * Waits for the project's turn if the caller runs in a transaction that does not have it yet.
     * Returns whether the caller is in a transaction (and so has the turn), false for a plain read.
     */
    boolean awaitTurn(String projectId) throws SQLException {
        if (transactions.getTransactionKey() == null) {
            return false;
        }
        String key = ProjectWriteQueue.class.getName() + ':' + projectId;
        if (transactions.getResource(key) != null) {
            return true;
        }
        refuseIfStorageFailing(projectId);
        Semaphore turn = turns.computeIfAbsent(projectId, id -> new Semaphore(1, true));
        acquire(turn, projectId);
        boolean releaseRegistered = false;
        try {
            // A plain (not interposed) synchronization: its afterCompletion runs after the interposed
            // ones, among them the pool's, so the next turn finds the writer connection back in its pool.
            transactionManager.getTransaction().registerSynchronization(
                    new Release(turn, projectId, groupCommit.enabled() ? groupCommit : null));
            releaseRegistered = true;
            transactions.putResource(key, Boolean.TRUE);
        } catch (RuntimeException e) { // the transaction is no longer active: nothing will run on it
            releaseUnlessRegistered(turn, releaseRegistered);
            throw e;
        } catch (RollbackException | SystemException e) { // marked for rollback, or the manager failed
            releaseUnlessRegistered(turn, releaseRegistered);
            throw new SQLException("Project " + projectId + ": the transaction cannot take on work", e);
        }
        return true;
    }

    /**
     * No transaction starts once writes cannot be made durable (it would commit a change nobody can
     * be told about: a 503 before anything is written instead), nor while the project's log sync
     * hangs (refused like a busy file).
     */
    private void refuseIfStorageFailing(String projectId) throws SQLiteException {
        if (!groupCommit.enabled()) {
            return;
        }
        String failure = groupCommit.failure();
        if (failure != null) {
            throw new SQLiteException("Project " + projectId + ": writes are refused after a storage failure ("
                    + failure + ")", SQLiteErrorCode.SQLITE_IOERR);
        }
        String refusal = groupCommit.refusal(projectId);
        if (refusal != null) {
            throw new SQLiteException("Project " + projectId + ": " + refusal, SQLiteErrorCode.SQLITE_BUSY);
        }
    }

    /** Gives the turn back at once, unless the transaction's completion already will (never twice). */
    private static void releaseUnlessRegistered(Semaphore turn, boolean releaseRegistered) {
        if (!releaseRegistered) {
            turn.release();
        }
    }

    /** Whether a transaction currently has the project's turn (tests). */
    boolean busy(String projectId) {
        Semaphore turn = turns.get(projectId);
        return turn != null && turn.availablePermits() == 0;
    }

    private void acquire(Semaphore turn, String projectId) throws SQLException {
        try {
            if (!turn.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLiteException("Project " + projectId + ": another transaction held the file for more than "
                        + timeoutMillis + " ms", SQLiteErrorCode.SQLITE_BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLiteException("Interrupted while waiting for project " + projectId, SQLiteErrorCode.SQLITE_BUSY);
        }
    }

    /**
     * Gives the turn back when the transaction completes. With group commit, a committed transaction
     * takes its ticket before (so tickets follow commit order) and waits for its sync after: the next
     * transaction runs while this one's log sync is under way, and may share it.
     */
    private record Release(Semaphore turn, String projectId, GroupCommit groupCommit) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (groupCommit == null || status != Status.STATUS_COMMITTED) {
                turn.release();
                return;
            }
            long ticket;
            try {
                ticket = groupCommit.committed(projectId);
            } finally {
                turn.release();
            }
            groupCommit.awaitDurable(projectId, ticket);
        }
    }
}
