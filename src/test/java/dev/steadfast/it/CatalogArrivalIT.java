package dev.steadfast.it;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.steadfast.it.ServiceProcess.env;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways a catalog arrives at a boot of the packaged service, each handed over as a prepared
 * {@code steadfast.db}: from an older release (snapshot first, and that snapshot restored by hand
 * exactly as docs/operations.md says), without migration history (adopted at the version it
 * matches, or refused untouched), and broken in a way only the post-migration checks see (the
 * snapshot is put back and the boot stops). Every one ends with every row kept.
 */
class CatalogArrivalIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Duration REFUSAL = Duration.ofSeconds(60);
    private static final String PASSWORD = "arrival-admin-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String VETERAN_PASSWORD = "veteran-password-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OLDER_RELEASE = "3";
    private static final List<String> AT_OLDER_RELEASE = List.of("1", "2", "3");
    private static final List<String> AT_THIS_RELEASE = List.of("1", "2", "3", "4", "5");

    @Test
    void snapshotTakenBeforeAnUpgradeIsRestoredByHandFollowingTheOperationsGuide() throws IOException {
        Path dataDir = dataDirectory("snapshot-restore");
        SqliteFile catalog = olderCatalogWithAVeteranUser(dataDir);

        try (ServiceProcess service = boot("upgrade", dataDir)) {
            Api api = new Api(service);
            api.token("veteran", VETERAN_PASSWORD);
            createUser(api, api.token("admin", PASSWORD), "newcomer");
            service.stop();
            assertTrue(service.log().contains("Snapshot of catalog (version 3, migrating to 5) written to "),
                    service.logTail());
        }
        assertEquals(AT_THIS_RELEASE, catalog.appliedVersions());
        List<Path> snapshots = snapshots(dataDir);
        assertEquals(1, snapshots.size(), "one snapshot before the one migration: " + snapshots);
        Path snapshot = snapshots.get(0);
        assertTrue(snapshot.getFileName().toString().matches("catalog-v3-to-v5-\\d{8}T\\d{9}Z\\.db"), snapshot.toString());

        // docs/operations.md, "Restoring a snapshot by hand", step 3, word for word:
        //   mv /data/steadfast.db /data/steadfast.db.before-restore
        //   rm -f /data/steadfast.db-wal /data/steadfast.db-shm
        //   cp /data/backups/catalog-v3-to-v5-….db /data/steadfast.db
        Files.move(dataDir.resolve("steadfast.db"), dataDir.resolve("steadfast.db.before-restore"));
        Files.deleteIfExists(dataDir.resolve("steadfast.db-wal"));
        Files.deleteIfExists(dataDir.resolve("steadfast.db-shm"));
        Files.copy(snapshot, dataDir.resolve("steadfast.db"), StandardCopyOption.COPY_ATTRIBUTES);

        // The restored catalog is the older release's, as it was the moment before the upgrade.
        assertEquals(AT_OLDER_RELEASE, catalog.appliedVersions());
        assertEquals(1L, catalog.number("SELECT count(*) FROM users WHERE username = 'veteran'"));
        assertEquals(0L, catalog.number("SELECT count(*) FROM users WHERE username = 'newcomer'"),
                "a write made after the snapshot is not in it");

        // Step 4: this (newer) release migrates it again, taking a new snapshot first.
        try (ServiceProcess service = boot("after-restore", dataDir)) {
            Api api = new Api(service);
            api.token("veteran", VETERAN_PASSWORD);
            api.signInIsRejected("newcomer", "newcomer-password-1234");
            service.stop();
        }
        assertEquals(AT_THIS_RELEASE, catalog.appliedVersions());
        assertEquals(2, snapshots(dataDir).size(), "the second upgrade took its own snapshot");
    }

    @Test
    void catalogWithoutMigrationHistoryIsAdoptedAtTheVersionItMatchesThenMigrated() {
        Path dataDir = dataDirectory("adopt");
        SqliteFile catalog = olderCatalogWithAVeteranUser(dataDir);
        catalog.execute("DROP TABLE flyway_schema_history"); // as a tool from before migrations left it

        try (ServiceProcess service = boot("adopt", dataDir)) {
            new Api(service).token("veteran", VETERAN_PASSWORD);
            service.stop();
            assertTrue(service.log().contains("had no migration history; its schema matches version 3 exactly, "
                    + "so it was adopted (baselined) at 3"), service.logTail());
        }
        assertEquals(List.of("BASELINE@3", "SQL@4", "SQL@5"), catalog.query(
                "SELECT type || '@' || version AS step FROM flyway_schema_history ORDER BY installed_rank")
                .stream().map(row -> row.get("step")).toList());
        assertEquals(1L, catalog.number("SELECT count(*) FROM users WHERE username = 'veteran'"));
        assertEquals(1L, catalog.number("SELECT count(*) FROM audit_events WHERE action = 'legacy.import'"));
    }

    @Test
    void catalogWithoutHistoryMatchingNoKnownVersionIsRefusedAndLeftByteForByteUnchanged() {
        Path dataDir = dataDirectory("adopt-refused");
        SqliteFile catalog = olderCatalogWithAVeteranUser(dataDir);
        catalog.execute("DROP TABLE flyway_schema_history", "ALTER TABLE users ADD COLUMN nickname TEXT");
        String before = CatalogDb.sha256(catalog.path());

        try (ServiceProcess service = ServiceProcess.start("adopt-refused", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            int exit = service.awaitExit(REFUSAL);
            assertNotEquals(0, exit, "a catalog of unknown shape must stop the boot\n" + service.logTail());
            String log = service.log();
            assertTrue(log.contains("has tables but no migration history, and its schema matches no version this build "
                    + "knows. It was left unchanged. Closest is version 3"), service.logTail());
            assertTrue(log.contains("nickname"), "the difference is named\n" + service.logTail());
        }
        assertEquals(before, CatalogDb.sha256(catalog.path()), "steadfast.db must be left byte for byte unchanged");
        assertTrue(snapshots(dataDir).isEmpty(), "nothing was migrated, so nothing was snapshotted");
    }

    @Test
    void catalogFailingTheChecksAfterMigratingIsRestoredFromItsSnapshotAndTheBootStops() {
        Path dataDir = dataDirectory("integrity");
        SqliteFile catalog = olderCatalogWithAVeteranUser(dataDir);
        // A token whose owner is gone, written with foreign keys off: only foreign_key_check sees it.
        catalog.execute("PRAGMA foreign_keys = OFF",
                "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) "
                        + "VALUES ('" + "ab".repeat(32) + "', 999, 'orphan', 0, 1)");

        try (ServiceProcess service = ServiceProcess.start("integrity", dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD))) {
            int exit = service.awaitExit(REFUSAL);
            assertNotEquals(0, exit, "a catalog failing its checks must stop the boot\n" + service.logTail());
            String log = service.log();
            assertTrue(log.contains("The catalog database failed its checks after migrating"), service.logTail());
            assertTrue(log.contains("restored the snapshot"), service.logTail());
            assertFalse(log.contains("Listening on"), "a refused catalog is never served");
        }
        assertEquals(AT_OLDER_RELEASE, catalog.appliedVersions(), "the catalog is back at the version it arrived with");
        assertEquals(1L, catalog.number("SELECT count(*) FROM users WHERE username = 'veteran'"));
        assertEquals(1L, catalog.number("SELECT count(*) FROM api_tokens WHERE name = 'orphan'"),
                "the restore keeps the rows, even the broken one, for the operator to repair");
    }

    /** A catalog at the older release's version, with a user who signs in with a known password. */
    private static SqliteFile olderCatalogWithAVeteranUser(Path dataDir) {
        SqliteFile catalog = SqliteFile.catalog(dataDir);
        SqliteFile.loose(catalog.path()).migratedTo("catalog", OLDER_RELEASE);
        catalog.update("INSERT INTO users (username, email, password_hash, role, active, created_at, updated_at, "
                + "display_name) VALUES ('veteran', 'veteran@example.org', ?, 'USER', 1, 1700000000000, 1700000000000, "
                + "'Veteran')", BcryptUtil.bcryptHash(VETERAN_PASSWORD));
        catalog.update("INSERT INTO audit_events (created_at, actor, action, target) "
                + "VALUES (1700000000000, 'system', 'legacy.import', 'user:veteran')");
        return catalog;
    }

    private static Path dataDirectory(String name) {
        Path dataDir = ServiceProcess.newDirectory(name).resolve("data");
        try {
            return Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> snapshots(Path dataDir) {
        Path backups = dataDir.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(file -> file.getFileName().toString().startsWith("catalog-")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceProcess boot(String name, Path dataDir) {
        return ServiceProcess.start(name, dataDir, env("STEADFAST_ADMIN_PASSWORD", PASSWORD)).awaitReady(BOOT);
    }

    private static void createUser(Api api, String token, String username) {
        api.as(token).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("username", username, "password", username + "-password-1234", "role", "USER"))
                .when().post("/api/users")
                .then().log().ifValidationFails().statusCode(201);
    }
}
