package dev.steadfast.it;

import dev.steadfast.datadir.UnwritableFile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steadfast.it.ServiceProcess.env;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings and data the service must refuse to start on: it exits with a non-zero code and says
 * why in operator's words, and leaves what it refused untouched.
 */
class BootRefusalIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Duration REFUSAL = Duration.ofSeconds(60);
    private static final String PASSWORD = "refusal-admin-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * One real boot serves two checks: a second process on its data directory is turned away while
     * it serves, and, once stopped, its catalog is made to look written by a newer release.
     */
    @Test
    void secondProcessOnAnOwnedDataDirectoryGivesUpNamingTheOwnerAndACatalogFromANewerReleaseIsLeftUntouched()
            throws IOException {
        Path dataDir = ServiceProcess.newDirectory("refusal-owned").resolve("data");
        try (ServiceProcess owner = ServiceProcess.start("owner", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))
                .awaitReady(BOOT)) {
            try (ServiceProcess intruder = ServiceProcess.start("intruder", dataDir,
                    env("STEADFAST_ADMIN_PASSWORD", PASSWORD, "STEADFAST_LOCK_WAIT", "2s"))) {
                int exit = intruder.awaitExit(REFUSAL);
                assertNotEquals(0, exit, "the second process must fail\n" + intruder.logTail());
                String log = intruder.log();
                assertTrue(log.contains("is in use by another Steadfast process"), intruder.logTail());
                assertTrue(log.contains("pid=" + owner.pid() + " "), "names the owner's pid " + owner.pid() + "\n"
                        + intruder.logTail());
                assertFalse(log.contains(PASSWORD), "the log contains the configured password");
                assertFalse(log.contains("Listening on"), "the second process must never serve");
            }
            // The owner never noticed.
            Api api = new Api(owner);
            api.health("ready").statusCode(200);
            api.health("live").statusCode(200).body(Api.check("alive") + ".status", equalTo("UP"));
            api.token("admin", PASSWORD);
            owner.stop();
        }

        String newestKnown = (String) CatalogDb.value(dataDir,
                "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1");
        CatalogDb.update(dataDir, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, installed_on, execution_time, success) "
                + "SELECT max(installed_rank) + 1, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, "
                + "'newer-release', CURRENT_TIMESTAMP, 1, 1 FROM flyway_schema_history");
        Path catalog = CatalogDb.file(dataDir);
        String before = CatalogDb.sha256(catalog);

        try (ServiceProcess older = ServiceProcess.start("older-release", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            int exit = older.awaitExit(REFUSAL);
            assertNotEquals(0, exit, "booting on a newer catalog must fail\n" + older.logTail());
            String log = older.log();
            assertTrue(log.contains("is at schema version 999, written by a newer Steadfast release; "
                    + "this build knows versions up to " + newestKnown + "."), older.logTail());
        }
        assertEquals(before, CatalogDb.sha256(catalog), "steadfast.db must be left byte-for-byte unchanged");
        Path wal = dataDir.resolve("steadfast.db-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "nothing may be pending in the write-ahead log either");
        assertEquals("999", CatalogDb.value(dataDir, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history")
                .toString());
    }

    @Test
    void emptyOrBlankDataDirectorySettingIsRefusedInsteadOfLosingWritesToATemporaryDatabase() {
        // Both fail fast, so they run side by side.
        try (ServiceProcess empty = ServiceProcess.start("empty-data-dir", null,
                env("STEADFAST_DATA_DIR", "", "STEADFAST_ADMIN_PASSWORD", PASSWORD));
             ServiceProcess blank = ServiceProcess.start("blank-data-dir", null,
                     env("STEADFAST_DATA_DIR", "   ", "STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            assertNotEquals(0, empty.awaitExit(REFUSAL), "an empty STEADFAST_DATA_DIR must stop the boot\n" + empty.logTail());
            assertNotEquals(0, blank.awaitExit(REFUSAL), "a blank STEADFAST_DATA_DIR must stop the boot\n" + blank.logTail());

            String refusal = "environment variable STEADFAST_DATA_DIR is set but empty: refusing to start, "
                    + "because an empty path would give SQLite a temporary database";
            assertTrue(blank.log().contains(refusal), blank.logTail());
            assertTrue(empty.log().contains(refusal), empty.logTail());

            // Neither fell back to ./data in its working directory.
            assertFalse(Files.exists(empty.workDir().resolve("data")), "created ./data despite refusing");
            assertFalse(Files.exists(blank.workDir().resolve("data")), "created ./data despite refusing");
        }
    }

    /**
     * SQLite opens a catalog it may not write read-only, so the service used to come up with every
     * probe UP and answer every sign-in 500. As root the file is made immutable, since root ignores modes.
     */
    @Test
    void catalogTheServiceCannotWriteStopsTheBootNamingItAndServesOnceItIsWritable() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("refusal-read-only-catalog").resolve("data");
        try (ServiceProcess first = ServiceProcess.start("first", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))
                .awaitReady(BOOT)) {
            first.stop();
        }
        Path catalog = CatalogDb.file(dataDir); // migrated: SQLite would open it read-only and the boot would go on

        try (UnwritableFile unwritable = UnwritableFile.make(catalog);
             ServiceProcess service = ServiceProcess.start("read-only-catalog", dataDir,
                     env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            assertNotEquals(0, service.awaitExit(REFUSAL), "an unwritable catalog must stop the boot\n" + service.logTail());
            String log = service.log();
            assertTrue(log.contains("Catalog file " + catalog + " is not writable by the service user"), service.logTail());
            assertFalse(log.contains("Listening on"), "a service that cannot write its catalog must never serve");
        }

        try (ServiceProcess service = ServiceProcess.start("writable-again", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))
                .awaitReady(BOOT)) {
            new Api(service).token("admin", PASSWORD);
        }
    }

    /**
     * A project file is created in projects/ and moved to archive/ on a purge: with either not
     * writable, the service used to serve and answer those requests 500. As root the directory is
     * made immutable, since root ignores modes.
     */
    @Test
    void subdirectoryTheServiceCannotWriteIntoStopsTheBootNamingItAndServesOnceItIsWritable() throws Exception {
        Path dataDir = ServiceProcess.newDirectory("refusal-read-only-subdirectory").resolve("data");
        for (String name : List.of("projects", "archive")) {
            Path directory = Files.createDirectories(dataDir.resolve(name));
            try (UnwritableFile unwritable = UnwritableFile.make(directory);
                 ServiceProcess service = ServiceProcess.start("read-only-" + name, dataDir,
                         env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
                assertNotEquals(0, service.awaitExit(REFUSAL), "an unwritable " + name + "/ must stop the boot\n"
                        + service.logTail());
                String log = service.log();
                assertTrue(log.contains(directory + " is not a directory the service user"), service.logTail());
                assertFalse(log.contains("Listening on"), "a service that cannot write into " + name + "/ must never serve");
            }
        }

        try (ServiceProcess service = ServiceProcess.start("writable-again", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))
                .awaitReady(BOOT)) {
            Api api = new Api(service);
            api.as(api.token("admin", PASSWORD)).contentType(ContentType.JSON).body(Map.of("name", "created"))
                    .when().post("/api/projects").then().log().ifValidationFails().statusCode(201);
        }
    }

    @Test
    void adminPasswordBreakingThePolicyOrAnImpossibleSettingIsRefusedBeforeTheCatalogIsTouched() {
        String tooShort = "Sh0rt-" + UUID.randomUUID().toString().substring(0, 4); // 10 characters, policy wants 12
        Path dataDir = ServiceProcess.newDirectory("refusal-password").resolve("data");
        Path settingsDir = ServiceProcess.newDirectory("refusal-settings").resolve("data");
        try (ServiceProcess service = ServiceProcess.start("short-password", dataDir,
                env("STEADFAST_ADMIN_PASSWORD", tooShort));
             ServiceProcess settings = ServiceProcess.start("impossible-settings", settingsDir,
                     env("STEADFAST_ADMIN_PASSWORD", PASSWORD, "STEADFAST_PROJECTS_MAX_OPEN", "0"))) {
            assertNotEquals(0, settings.awaitExit(REFUSAL), "max-open 0 must stop the boot\n" + settings.logTail());
            assertTrue(settings.log().contains("steadfast.projects.max-open (STEADFAST_PROJECTS_MAX_OPEN) is 0: it must be"
                    + " at least 1"), settings.logTail());
            assertFalse(Files.exists(CatalogDb.file(settingsDir)), "refused before a catalog was made");
            int exit = service.awaitExit(REFUSAL);
            assertNotEquals(0, exit, "a too-short admin password must stop the boot\n" + service.logTail());
            String log = service.log();
            assertTrue(log.contains("The admin password from steadfast.admin.password is not acceptable: "
                    + "it must be at least 12 characters long."), service.logTail());
            assertFalse(log.contains(tooShort), "the log repeats the refused password");
        }
        // Refused before the lock and the migration: an upgrade with a mistyped secret migrates nothing.
        assertFalse(Files.exists(CatalogDb.file(dataDir)), "refused before a catalog was made or migrated");
    }
}
