package dev.steadfast.it;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.steadfast.it.ServiceProcess.env;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One data directory through four restarts of the packaged service, the way an operator lives
 * with it: what users and the admin did through the API survives, and what the operator changed
 * (the admin row while stopped, the configured password) is reconciled at the next boot. Each
 * step is one boot and builds on the previous one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final String ADMIN = "admin";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** Configured at the first three boots. */
    private static final String CONFIGURED = "configured-first-" + SUFFIX;
    /** Chosen by the admin through the API at the first boot. */
    private static final String CHOSEN_VIA_API = "chosen-through-api-" + SUFFIX;
    /** Configured at the fourth boot. */
    private static final String CONFIGURED_LATER = "configured-second-" + SUFFIX;
    private static final List<String> SECRETS = List.of(CONFIGURED, CHOSEN_VIA_API, CONFIGURED_LATER);

    private static Path dataDir;
    /** Flyway's history as the first boot left it: no later boot may change a row of it. */
    private static List<Map<String, Object>> historyAfterFirstBoot;
    private static Map<String, Integer> createdUsers;
    private static String tokenFromSecondBoot;
    private static String tokenFromThirdBoot;
    private static boolean stepFailed;

    @BeforeAll
    static void createDataDirectory() {
        dataDir = ServiceProcess.newDirectory("restart").resolve("data");
    }

    @BeforeEach
    void requirePreviousSteps() {
        assumeTrue(!stepFailed, "an earlier step of this scenario failed");
        stepFailed = true; // cleared by passed() at the end of a step
    }

    private static void passed() {
        stepFailed = false;
    }

    @Test
    @Order(1)
    void firstBootCreatesTheConfiguredAdminWhoCreatesUsersAndChangesOwnPassword() {
        try (ServiceProcess service = boot("boot1", CONFIGURED)) {
            Api api = new Api(service);
            String token = api.token(ADMIN, CONFIGURED);
            createdUsers = Map.of(
                    "alice", createUser(api, token, "alice"),
                    "bob", createUser(api, token, "bob"),
                    "Carol.Smith", createUser(api, token, "Carol.Smith"));

            api.as(token).contentType(ContentType.JSON)
                    .body(Map.of("currentPassword", CONFIGURED, "newPassword", CHOSEN_VIA_API))
                    .when().put("/api/users/me/password")
                    .then().log().ifValidationFails().statusCode(204);
            api.token(ADMIN, CHOSEN_VIA_API);
            api.signInIsRejected(ADMIN, CONFIGURED);

            service.stop();
            assertLogHasNoSecret(service);
            String log = service.log();
            assertTrue(log.contains("Successfully applied"), "the log names the migrations applied\n" + service.logTail());
            // The migrations' own checks are SELECTs: their empty results are not news for the log.
            assertFalse(log.contains("No rows returned"), "the log prints a migration check's result table\n" + service.logTail());
        }
        historyAfterFirstBoot = history();
        assertFalse(historyAfterFirstBoot.isEmpty(), "the first boot recorded its migrations");
        assertExactlyOneActiveAdminRow();
        passed();
    }

    @Test
    @Order(2)
    void restartKeepsUsersAndTheApiChosenPasswordAndHealsADisabledDemotedAdmin() {
        // The operator (or an accident) disabled and demoted the admin while the service was down.
        assertEquals(1, CatalogDb.update(dataDir,
                "UPDATE users SET active = 0, role = 'USER' WHERE username = ?", ADMIN));

        try (ServiceProcess service = boot("boot2", CONFIGURED)) {
            Api api = new Api(service);
            // Same configured password as before: the one chosen through the API stays in force.
            api.signInIsRejected(ADMIN, CONFIGURED);
            String token = api.token(ADMIN, CHOSEN_VIA_API); // a disabled user could not sign in
            tokenFromSecondBoot = token;

            api.as(token).when().get("/api/users/me")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("username", equalTo(ADMIN)).body("role", equalTo("ADMIN")).body("active", equalTo(true));
            api.as(token).queryParam("size", 200).when().get("/api/users") // an ADMIN-only endpoint
                    .then().log().ifValidationFails().statusCode(200)
                    .body("total", equalTo(4))
                    .body("items.username", containsInAnyOrder(ADMIN, "alice", "bob", "Carol.Smith"))
                    .body("items.findAll { it.username != 'admin' }.id",
                            containsInAnyOrder(createdUsers.values().toArray()))
                    .body("items.findAll { it.role == 'ADMIN' }.username", equalTo(List.of(ADMIN)));
            // Users still sign in with the passwords they were created with.
            api.token("alice", userPassword("alice"));
            api.token("carol.smith", userPassword("Carol.Smith")); // names ignore case

            service.stop();
            assertLogHasNoSecret(service);
        }
        assertEquals(historyAfterFirstBoot, history(), "a restart must not touch the migration history");
        assertExactlyOneActiveAdminRow();
        passed();
    }

    @Test
    @Order(3)
    void restartRecreatesADeletedAdminWithTheConfiguredPassword() {
        long adminId = ((Number) CatalogDb.value(dataDir, "SELECT id FROM users WHERE username = ?", ADMIN)).longValue();
        // As the sqlite3 shell deletes by default: foreign keys off, so the admin's tokens stay behind.
        SqliteFile.catalog(dataDir).execute("PRAGMA foreign_keys = OFF", "DELETE FROM users WHERE id = " + adminId);
        assertTrue(((Number) CatalogDb.value(dataDir,
                "SELECT count(*) FROM api_tokens WHERE user_id = ?", adminId)).longValue() > 0, "orphaned tokens");

        try (ServiceProcess service = boot("boot3", CONFIGURED)) {
            Api api = new Api(service);
            api.signInIsRejected(ADMIN, CHOSEN_VIA_API); // that password belonged to the deleted row
            // Left behind, they would sign in as the next user SQLite gives the deleted row's id.
            api.as(tokenFromSecondBoot).when().get("/api/users/me").then().log().ifValidationFails().statusCode(401);
            assertTrue(service.log().lines().anyMatch(line -> line.contains("WARN") && line.contains("Revoked")
                    && line.contains("token(s) of users deleted")), service.logTail());
            tokenFromThirdBoot = api.token(ADMIN, CONFIGURED);
            api.as(tokenFromThirdBoot).when().get("/api/users/me")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("role", equalTo("ADMIN")).body("active", equalTo(true));
            api.as(tokenFromThirdBoot).when().get("/api/users")
                    .then().log().ifValidationFails().statusCode(200)
                    .body("total", equalTo(4))
                    .body("items.username", hasItems("alice", "bob", "Carol.Smith"));

            service.stop();
            assertLogHasNoSecret(service);
        }
        assertEquals(historyAfterFirstBoot, history(), "a restart must not touch the migration history");
        assertEquals(0L, ((Number) CatalogDb.value(dataDir,
                "SELECT count(*) FROM api_tokens WHERE user_id = ?", adminId)).longValue(), "the orphaned tokens are gone");
        assertExactlyOneActiveAdminRow();
        passed();
    }

    @Test
    @Order(4)
    void restartAppliesANewlyConfiguredAdminPasswordAndEndsTheAdminsSessions() {
        try (ServiceProcess service = boot("boot4", CONFIGURED_LATER)) {
            Api api = new Api(service);
            api.signInIsRejected(ADMIN, CONFIGURED);
            String token = api.token(ADMIN, CONFIGURED_LATER);
            api.as(token).when().get("/api/users/me")
                    .then().log().ifValidationFails().statusCode(200).body("role", equalTo("ADMIN"));
            // Applying a configured password signs the admin out everywhere.
            api.as(tokenFromThirdBoot).when().get("/api/users/me")
                    .then().log().ifValidationFails().statusCode(401);

            service.stop();
            assertLogHasNoSecret(service);
        }
        assertEquals(historyAfterFirstBoot, history(), "a restart must not touch the migration history");
        assertExactlyOneActiveAdminRow();
        passed();
    }

    private static ServiceProcess boot(String name, String adminPassword) {
        return ServiceProcess.start(name, dataDir, env("STEADFAST_ADMIN_PASSWORD", adminPassword)).awaitReady(BOOT);
    }

    private static int createUser(Api api, String token, String username) {
        return api.as(token).contentType(ContentType.JSON)
                .body(Map.of("username", username, "email", username.toLowerCase() + "@example.org",
                        "password", userPassword(username), "role", "USER"))
                .when().post("/api/users")
                .then().log().ifValidationFails().statusCode(201)
                .body("username", equalTo(username)).body("role", equalTo("USER"))
                .extract().path("id");
    }

    private static String userPassword(String username) {
        return "pw-of-" + username + "-" + SUFFIX;
    }

    private static List<Map<String, Object>> history() {
        return CatalogDb.query(dataDir, "SELECT * FROM flyway_schema_history ORDER BY installed_rank");
    }

    private static void assertExactlyOneActiveAdminRow() {
        List<Map<String, Object>> admins = CatalogDb.query(dataDir,
                "SELECT username, active FROM users WHERE role = 'ADMIN'");
        assertEquals(List.of(Map.of("username", ADMIN, "active", 1)), admins, "exactly one ADMIN row, active");
    }

    private static void assertLogHasNoSecret(ServiceProcess service) {
        String log = service.log();
        assertTrue(log.contains("Admin '" + ADMIN + "' reconciled"), "the boot reconciled the admin\n" + service.logTail());
        for (String secret : SECRETS) {
            assertFalse(log.contains(secret), "the log of " + service + " contains a password");
        }
        for (String user : List.of("alice", "bob", "Carol.Smith")) {
            assertFalse(log.contains(userPassword(user)), "the log of " + service + " contains a user's password");
        }
    }
}
