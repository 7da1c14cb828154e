package dev.steadfast.project;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit: a committed transaction is acknowledged only after a log sync that began after its
 * commit; transactions committed during a sync share the next one; a failed sync is never retried
 * and its requests answer 503.
 */
class GroupCommitTest {

    private static final long PATIENCE = TimeUnit.SECONDS.toNanos(10);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A log whose syncs wait to be let through, one at a time. */
    private static final class GatedLog {
        final CountDownLatch[] release = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
        final CountDownLatch[] started = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1)};
        volatile int syncs;

        GroupCommit.WalSync open() {
            return new GroupCommit.WalSync(() -> {
                int n = syncs++; // one sync at a time: WalSync never runs two
                started[n].countDown();
                await(release[n]);
            });
        }
    }

    @Test
    void shouldAcknowledgeACommitOnlyAfterASyncThatBeganAfterIt() throws Exception {
        GatedLog log = new GatedLog();
        GroupCommit.WalSync wal = log.open();

        long first = wal.committed();
        Future<?> firstWaiter = threads.submit(() -> awaitSynced(wal, first));
        assertTrue(log.started[0].await(5, TimeUnit.SECONDS));

        long second = wal.committed(); // committed while the first sync runs: that sync may miss it
        Future<?> secondWaiter = threads.submit(() -> awaitSynced(wal, second));
        Thread.sleep(200);
        assertFalse(secondWaiter.isDone(), "the running sync began before the second commit");

        log.release[0].countDown();
        firstWaiter.get(5, TimeUnit.SECONDS);
        assertTrue(log.started[1].await(5, TimeUnit.SECONDS), "the second commit got a sync of its own");
        Thread.sleep(200);
        assertFalse(secondWaiter.isDone(), "acknowledged only once that sync has finished");
        log.release[1].countDown();
        secondWaiter.get(5, TimeUnit.SECONDS);
        assertEquals(2, log.syncs);
    }

    @Test
    void shouldCoverEveryCommitMadeDuringASyncWithOneMoreSync() throws Exception {
        GatedLog log = new GatedLog();
        GroupCommit.WalSync wal = log.open();
        long first = wal.committed();
        Future<?> firstWaiter = threads.submit(() -> awaitSynced(wal, first));
        assertTrue(log.started[0].await(5, TimeUnit.SECONDS));

        List<Future<?>> group = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long ticket = wal.committed();
            group.add(threads.submit(() -> awaitSynced(wal, ticket)));
        }
        log.release[0].countDown();
        log.release[1].countDown();
        firstWaiter.get(5, TimeUnit.SECONDS);
        for (Future<?> waiter : group) {
            waiter.get(5, TimeUnit.SECONDS);
        }
        assertEquals(2, log.syncs, "five commits made during the first sync shared the second");
    }

    @Test
    void shouldNeverRetryAFailedSyncAndFailEveryWriteAfterIt() throws Exception {
        AtomicLong syncs = new AtomicLong();
        GroupCommit commits = new GroupCommit(true, 5_000, id -> () -> {
            syncs.incrementAndGet();
            throw new IOException("Input/output error");
        });

        commits.awaitDurable("p", commits.committed("p"));
        String failure = GroupCommit.takeFailure();
        assertTrue(failure != null && failure.contains("Input/output error"), failure);
        assertNull(GroupCommit.takeFailure(), "taken once, by the request that committed");
        assertTrue(commits.failure() != null, "liveness reports it");

        commits.awaitDurable("p", commits.committed("p"));
        commits.awaitDurable("q", commits.committed("q"));
        assertTrue(GroupCommit.takeFailure() != null, "a later write is not acknowledged either");
        assertEquals(1, syncs.get(), "a sync that failed is not tried again: its success would prove nothing");
        assertEquals(3, commits.commitCount());
    }

    @Test
    void shouldFailTheWaitersOfAFailedSync() {
        GroupCommit.WalSync wal = new GroupCommit.WalSync(() -> {
            throw new IOException("No space left on device");
        });
        long ticket = wal.committed();
        assertThrows(IOException.class, () -> wal.awaitSynced(ticket, PATIENCE));
        long later = wal.committed();
        assertThrows(IOException.class, () -> wal.awaitSynced(later, PATIENCE));
    }

    @Test
    void shouldTreatAnyFailureOfTheSyncAsAFailedSync() {
        GroupCommit commits = new GroupCommit(true, 5_000, id -> () -> {
            throw new IllegalStateException("unexpected");
        });
        commits.awaitDurable("p", commits.committed("p"));
        assertTrue(GroupCommit.takeFailure() != null, "not acknowledged");
        assertTrue(commits.refusal("p") != null, "and no later transaction starts");
    }

    @Test
    void shouldNotAcknowledgeACommitWhenSQLiteReportedAnIoErrorMeanwhile() {
        GroupCommit commits = new GroupCommit(true, 5_000, id -> () -> { });
        commits.awaitDurable("p", commits.committed("p"));
        assertNull(GroupCommit.takeFailure(), "synced: acknowledged");
        assertNull(commits.refusal("p"));

        long ticket = commits.committed("p");
        commits.storageFailed("SQLite reported SQLITE_IOERR_FSYNC"); // e.g. in a checkpoint of another commit
        commits.awaitDurable("p", ticket);
        assertTrue(String.valueOf(GroupCommit.takeFailure()).contains("SQLITE_IOERR_FSYNC"),
                "a sync that succeeds after an I/O error proves nothing");
        assertTrue(commits.refusal("other project") != null, "every project's writes are refused");
        assertTrue(commits.failure() != null, "liveness reports it");
    }

    @Test
    void shouldStopWaitingForAHungSyncAfterThePatienceAndRefuseNewWritesMeanwhile() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        // A patience long enough that a stalled test thread cannot outlast it before the first check.
        GroupCommit commits = new GroupCommit(true, 2_000, id -> () -> {
            started.countDown();
            await(hung);
        });
        long first = commits.committed("p");
        Future<?> stuck = threads.submit(() -> commits.awaitDurable("p", first));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertNull(commits.refusal("p"), "a sync under way is no reason to refuse yet");

        long second = commits.committed("p");
        long waited = System.nanoTime();
        commits.awaitDurable("p", second);
        assertTrue(System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(15), "bounded by the patience");
        assertTrue(String.valueOf(GroupCommit.takeFailure()).contains("not synced within 2000 ms"));
        assertTrue(commits.refusal("p") != null, "a sync hung for longer than the patience refuses new transactions");
        assertNull(commits.refusal("q"), "other projects write on");
        assertNull(commits.failure(), "slow is not failed: liveness stays UP");

        hung.countDown();
        stuck.get(5, TimeUnit.SECONDS);
        assertNull(commits.refusal("p"), "writes resume once the sync returns");
    }

    @Test
    void shouldAnswer503InsteadOfTheResourcesAnswerWhenTheWriteIsNotDurable() {
        GroupCommit commits = new GroupCommit(true, 5_000, id -> () -> {
            throw new IOException("Input/output error");
        });
        commits.awaitDurable("p", commits.committed("p"));

        Map<String, Object> response = new HashMap<>();
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.putSingle("Location", "/api/projects/p/tasks/1");
        headers.putSingle("ETag", "\"1\"");
        ContainerResponseContext context = (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerResponseContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getHeaders" -> {
                            return headers;
                        }
                        case "setStatus" -> response.put("status", args[0]);
                        case "setEntity" -> response.put("entity", args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });

        new NotDurableWrites().refuseUnlessDurable(context);

        assertEquals(503, response.get("status"));
        assertTrue(String.valueOf(response.get("entity")).contains("not-durable"), String.valueOf(response.get("entity")));
        assertFalse(headers.containsKey("Location"), "nothing was created for certain");
        assertFalse(headers.containsKey("ETag"));

        Map<String, Object> next = new HashMap<>();
        ContainerResponseContext untouched = (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerResponseContext.class}, (proxy, method, args) -> {
                    next.put(method.getName(), args);
                    return null;
                });
        new NotDurableWrites().refuseUnlessDurable(untouched);
        assertTrue(next.isEmpty(), "the next request on the thread is answered as its resource says");
    }

    private static void awaitSynced(GroupCommit.WalSync wal, long ticket) {
        try {
            assertTrue(wal.awaitSynced(ticket, PATIENCE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
