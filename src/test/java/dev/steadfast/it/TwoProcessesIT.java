package dev.steadfast.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.steadfast.it.ServiceProcess.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two processes started at the same moment on one empty data directory (a rolling update gone
 * wrong, a second replica): Flyway's own lock does nothing on SQLite, so only the data-directory
 * lock stands between them and a migration run twice. Exactly one serves; the other waits its
 * bounded time, then exits non-zero naming the owner, without having migrated anything.
 */
class TwoProcessesIT {

    private static final String PASSWORD = "twins-admin-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void twoProcessesStartedTogetherNeverBothMigrateAndTheLoserNamesTheOwner() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("two-processes").resolve("data");
        // The loser's wait is long enough for the winner to have written its owner line in the lock file.
        var settings = env("STEADFAST_ADMIN_PASSWORD", PASSWORD, "STEADFAST_LOCK_WAIT", "6s");
        try (ServiceProcess first = ServiceProcess.start("twin-a", dataDir, settings);
             ServiceProcess second = ServiceProcess.start("twin-b", dataDir, settings)) {
            ServiceProcess loser = awaitFirstExit(List.of(first, second), Duration.ofSeconds(90));
            ServiceProcess winner = loser == first ? second : first;

            int exit = loser.awaitExit(Duration.ofSeconds(5));
            assertNotEquals(0, exit, "the process without the lock must fail\n" + loser.logTail());
            String log = loser.log();
            assertTrue(log.contains("is in use by another Steadfast process"), loser.logTail());
            assertTrue(log.contains("pid=" + winner.pid() + " "), "names the owner's pid " + winner.pid() + "\n" + loser.logTail());
            assertFalse(log.contains("Migrating schema"), "the loser must not migrate\n" + loser.logTail());

            winner.awaitReady(Duration.ofSeconds(60));
            new Api(winner).token("admin", PASSWORD);
            aProcessWaitingForTheLockStopsAtOnceOnSigterm(dataDir);

            // The lock file deleted under the winner: another process could now lock a new one and
            // write beside it, so the winner must ask to be restarted.
            assertEquals(200, winner.status("/q/health/live"));
            Files.delete(dataDir.resolve("steadfast.lock"));
            winner.awaitStatus("/q/health/live", 503, Duration.ofSeconds(10));
            winner.awaitLog("was deleted or replaced", Duration.ofSeconds(15));
            winner.stop();
        }
        SqliteFile catalog = SqliteFile.catalog(dataDir);
        assertEquals(List.of("1", "2", "3", "4", "5"), catalog.appliedVersions(), "every migration applied exactly once");
        assertEquals(1L, catalog.number("SELECT count(*) FROM users WHERE role = 'ADMIN'"));
    }

    /**
     * An orchestrator stopping a process that waits for the lock gives it a grace period far
     * shorter than the wait, then kills it: it must stop on SIGTERM, not when the wait ends.
     */
    private static void aProcessWaitingForTheLockStopsAtOnceOnSigterm(Path dataDir) {
        var settings = env("STEADFAST_ADMIN_PASSWORD", PASSWORD, "STEADFAST_LOCK_WAIT", "300s");
        try (ServiceProcess waiting = ServiceProcess.start("twin-c", dataDir, settings)) {
            waiting.awaitLog("is locked by another process", Duration.ofSeconds(60));
            waiting.terminate();
            int exit = waiting.awaitExit(Duration.ofSeconds(15));
            assertNotEquals(0, exit, "a boot stopped before it began is not a success\n" + waiting.logTail());
            assertTrue(waiting.log().contains("Stopped while waiting for the data-directory lock"), waiting.logTail());
            assertFalse(waiting.log().contains("Migrating schema"), waiting.logTail());
        }
    }

    /** The process that ends first; fails if both still run after the timeout. */
    private static ServiceProcess awaitFirstExit(List<ServiceProcess> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ServiceProcess process : processes) {
                if (!process.isAlive()) {
                    return process;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("Both processes still run after " + timeout + ": one of them must have given up on the lock\n"
                + processes.get(0).logTail() + "\n" + processes.get(1).logTail());
        return null;
    }
}
