package dev.steadfast.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.steadfast.it.ServiceProcess.env;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Readiness tells the truth about the admin: while the admin cannot be reconciled (here: the
 * catalog's write lock is held by someone else, as a long backup or a stuck tool would) the
 * service is alive but not ready and says why; once the lock goes, it heals itself without a
 * restart and turns ready.
 */
class AdminReadinessIT {

    private static final String PASSWORD = "readiness-admin-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void readinessIsDownWhileTheAdminCannotBeReconciledAndUpOnceItCan() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("admin-readiness").resolve("data");
        try (ServiceProcess first = ServiceProcess.start("first", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            first.awaitReady(Duration.ofSeconds(60)).stop();
        }
        assertEquals(1, CatalogDb.update(dataDir, "DELETE FROM users WHERE username = 'admin'"));

        ServiceProcess service;
        try (AutoCloseable writeLock = CatalogDb.holdWriteLock(dataDir)) {
            service = ServiceProcess.start("locked", dataDir, env(
                    "STEADFAST_ADMIN_PASSWORD", PASSWORD,
                    "STEADFAST_DATABASE_BUSY_TIMEOUT_MILLIS", "300",
                    "STEADFAST_ADMIN_RETRY_INITIAL_DELAY", "200ms",
                    "STEADFAST_ADMIN_RETRY_MAX_DELAY", "1s"));
            try {
                // The boot steps finish (the reconciliation failed and is retried), so the startup
                // probe turns UP and an orchestrator would not restart the process.
                service.awaitStatus("/q/health/started", 200, Duration.ofSeconds(60));
                Api api = new Api(service);
                api.health("ready").statusCode(503)
                        .body(Api.check("admin-bootstrap") + ".status", equalTo("DOWN"))
                        .body(Api.check("admin-bootstrap") + ".data.state", equalTo("RETRYING"))
                        .body(Api.check("admin-bootstrap") + ".data.error", containsString("locked"))
                        .body(Api.check("admin-bootstrap") + ".data.attempts", greaterThanOrEqualTo(1))
                        .body(Api.check("catalog-schema") + ".status", equalTo("UP"));
                api.health("live").statusCode(200).body(Api.check("alive") + ".status", equalTo("UP"));
                // No sign-in while another process holds the catalog's write lock: catalog
                // transactions begin as writers once the boot is done, so it answers busy.
                api.signIn("admin", PASSWORD).statusCode(503).contentType("application/problem+json")
                        .body("type", equalTo("/problems/busy"));
                // It keeps trying rather than giving up.
                awaitAttempts(service, 3, Duration.ofSeconds(60));
                assertTrue(service.isAlive(), "the process must live on while it retries");
            } catch (Throwable e) {
                service.close();
                throw e;
            }
        }

        try (service) {
            // Lock released: the next retry (at most 1 s away) creates the admin.
            Api api = new Api(service);
            service.awaitReady(Duration.ofSeconds(60));
            api.health("ready").statusCode(200)
                    .body(Api.check("admin-bootstrap") + ".status", equalTo("UP"))
                    .body(Api.check("admin-bootstrap") + ".data.state", equalTo("RECONCILED"))
                    .body(Api.check("admin-bootstrap") + ".data.attempts", greaterThan(1))
                    .body(Api.check("admin-bootstrap") + ".data.lastAction", containsString("created"));
            String token = api.token("admin", PASSWORD);
            api.as(token).when().get("/api/users/me").then().log().ifValidationFails()
                    .statusCode(200).body("role", equalTo("ADMIN"));
            assertFalse(service.log().contains(PASSWORD), "the log contains the configured password");
            service.stop();
        }
        assertEquals(1L, ((Number) CatalogDb.value(dataDir,
                "SELECT count(*) FROM users WHERE username = 'admin' AND role = 'ADMIN' AND active = 1")).longValue());
    }

    /**
     * A catalog damaged where the boot's migration does not read (the users table) is met by the
     * admin check: that is no passing failure, so it is not retried. Readiness stays DOWN and says
     * so, and the log names the file to restore, once.
     */
    @Test
    void readinessStaysDownWithoutRetriesWhenTheAdminCheckFindsTheCatalogDamaged() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("admin-damaged").resolve("data");
        try (ServiceProcess first = ServiceProcess.start("first", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            first.awaitReady(Duration.ofSeconds(60)).stop();
        }
        SqliteFile catalog = SqliteFile.catalog(dataDir);
        long pageSize = catalog.number("PRAGMA page_size");
        long usersRoot = catalog.number("SELECT rootpage FROM sqlite_master WHERE name = 'users'");
        byte[] noise = new byte[(int) pageSize];
        new java.util.Random(11).nextBytes(noise);
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(catalog.path().toFile(), "rw")) {
            file.seek((usersRoot - 1) * pageSize);
            file.write(noise);
        }

        try (ServiceProcess service = ServiceProcess.start("damaged", dataDir, env(
                "STEADFAST_ADMIN_PASSWORD", PASSWORD, "STEADFAST_ADMIN_RETRY_INITIAL_DELAY", "100ms",
                "STEADFAST_ADMIN_RETRY_MAX_DELAY", "200ms"))) {
            service.awaitStatus("/q/health/started", 200, Duration.ofSeconds(60));
            service.awaitLog("Admin reconciliation stopped", Duration.ofSeconds(30));
            Thread.sleep(1_000); // five retry delays: none may come
            Api api = new Api(service);
            api.health("ready").statusCode(503)
                    .body(Api.check("admin-bootstrap") + ".data.state", equalTo("STOPPED"))
                    .body(Api.check("admin-bootstrap") + ".data.attempts", equalTo(1))
                    .body(Api.check("catalog-schema") + ".status", equalTo("DOWN"))
                    .body(Api.check("catalog-schema") + ".data.error", containsString("restore"));
            api.health("live").statusCode(200);
            String log = service.log();
            assertFalse(log.contains("retrying in"), log);
            // Once by the service (readiness's DOWN answers, which SmallRye Health logs, repeat it).
            assertEquals(1, log.lines().filter(line -> line.contains("CatalogDamage]") && line.contains("from a backup"))
                    .count(), "the way out is logged once:\n" + log);
        }
    }

    private static void awaitAttempts(ServiceProcess service, int attempts, Duration timeout) throws InterruptedException {
        Api api = new Api(service);
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        while (Instant.now().isBefore(deadline)) {
            Integer now = api.health("ready").extract().path(Api.check("admin-bootstrap") + ".data.attempts");
            seen = now == null ? 0 : now;
            if (seen >= attempts) {
                return;
            }
            Thread.sleep(200);
        }
        fail("only " + seen + " reconciliation attempts within " + timeout + "\n" + service.logTail());
    }
}
