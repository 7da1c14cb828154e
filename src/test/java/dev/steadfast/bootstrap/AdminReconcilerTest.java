package dev.steadfast.bootstrap;

import dev.steadfast.TestApi;
import dev.steadfast.audit.AuditEvent;
import dev.steadfast.user.Role;
import dev.steadfast.user.User;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconciliation table, one row at a time, on a username of its own so the real admin of the
 * test profile is untouched. (Restarts of the packaged application are in the *IT tests.)
 */
@QuarkusTest
class AdminReconcilerTest {

    @Inject
    AdminReconciler reconciler;

    @Inject
    InitialAdminPasswordFile initialPasswordFile;

    @Inject
    AdminAtRest atRest;

    @Inject
    AgroalDataSource catalog;

    @Test
    void shouldCreateAnAbsentAdminOnceHoweverOftenItRuns() {
        AdminSettings settings = settings("first-password-1");
        assertEquals(List.of("created with the configured password"), reconcile(settings));
        assertEquals(List.of(), reconcile(settings));
        assertEquals(List.of(), reconcile(settings));
        assertEquals(1L, count(settings.username()));
        TestApi.token(settings.username().toUpperCase(), "first-password-1");
    }

    @Test
    void shouldReEnableAndReGrantABrokenAdminWithoutItsTokens() {
        AdminSettings settings = settings("first-password-1");
        reconcile(settings);
        String tokenBeforeTheBreak = TestApi.token(settings.username(), "first-password-1");
        QuarkusTransaction.requiringNew().run(() -> {
            User admin = User.findByUsername(settings.username()).orElseThrow();
            admin.active = false;
            admin.role = Role.USER;
        });
        assertEquals(List.of("re-enabled and re-granted ADMIN, its tokens revoked"), reconcile(settings));
        User healed = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(settings.username()).orElseThrow());
        assertTrue(healed.isActiveAdmin());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(
                () -> AuditEvent.count("action = ?1 and target = ?2", "admin.healed", settings.username())));
        // Disabling it was how a leaked token was cut off: the heal brings back the account, not the token.
        given().auth().oauth2(tokenBeforeTheBreak).when().get("/api/users/me").then().statusCode(401);
        TestApi.token(settings.username(), "first-password-1");
    }

    @Test
    void shouldApplyTheConfiguredPasswordOverAStoredHashThatIsNotBcrypt() {
        AdminSettings settings = settings("first-password-1");
        reconcile(settings);
        QuarkusTransaction.requiringNew().run(() ->
                User.findByUsername(settings.username()).orElseThrow().passwordHash = "garbage-not-bcrypt");

        assertEquals(List.of("applied the newly configured password"), reconcile(settings));
        assertEquals(List.of(), reconcile(settings));
        TestApi.token(settings.username(), "first-password-1");
    }

    @Test
    void shouldKeepAPasswordChangedThroughTheApiWhileTheConfiguredOneIsUnchanged() {
        AdminSettings settings = settings("first-password-1");
        reconcile(settings);
        String token = TestApi.token(settings.username(), "first-password-1");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "first-password-1", "newPassword", "changed-on-purpose"))
                .when().put("/api/users/me/password").then().statusCode(204);

        assertEquals(List.of(), reconcile(settings));

        TestApi.token(settings.username(), "changed-on-purpose");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", settings.username(), "password", "first-password-1"))
                .when().post("/api/auth/tokens").then().statusCode(401);
    }

    @Test
    void shouldApplyANewlyConfiguredPasswordOnce() {
        AdminSettings before = settings("first-password-1");
        reconcile(before);
        AdminSettings after = new AdminSettings(before.username(), Optional.empty(), Optional.of("second-password-2"));

        assertEquals(List.of("applied the newly configured password"), reconcile(after));
        assertEquals(List.of(), reconcile(after));

        TestApi.token(after.username(), "second-password-2");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", after.username(), "password", "first-password-1"))
                .when().post("/api/auth/tokens").then().statusCode(401);
    }

    @Test
    void shouldApplyTheConfiguredPasswordToAnAdminDeletedAndRecreatedThroughTheApi() throws Exception {
        AdminSettings settings = settings("first-password-1");
        reconcile(settings);
        String root = TestApi.adminToken();
        long id = QuarkusTransaction.requiringNew().call(() -> User.findByUsername(settings.username()).orElseThrow().id);
        given().auth().oauth2(root).when().delete("/api/users/" + id).then().statusCode(204);
        Thread.sleep(5); // the new row is created in a later millisecond than the configured password's fingerprint
        // The API no longer gives a deleted user's name to anyone but the configured admin (UserResourceTest),
        // and this test's admin is configured only for this reconciler: the namesake is written directly.
        QuarkusTransaction.requiringNew().run(() -> {
            User namesake = new User();
            namesake.username = settings.username();
            namesake.displayName = "";
            namesake.passwordHash = new dev.steadfast.auth.PasswordHasher().hash("someone-elses-choice");
            namesake.role = Role.USER;
            namesake.active = true;
            namesake.createdAt = java.time.Instant.now();
            namesake.updatedAt = namesake.createdAt;
            namesake.persist();
        });

        assertEquals(List.of("re-enabled and re-granted ADMIN, its tokens revoked", "applied the newly configured password"),
                reconcile(settings));

        TestApi.token(settings.username(), "first-password-1");
        given().contentType(ContentType.JSON)
                .body(Map.of("username", settings.username(), "password", "someone-elses-choice"))
                .when().post("/api/auth/tokens").then().statusCode(401);
    }

    @Test
    void shouldGenerateAPasswordIntoAPrivateFileWhenNoneIsConfigured() throws Exception {
        AdminSettings settings = new AdminSettings(TestApi.uniqueName("ops"), Optional.empty(), Optional.empty());
        List<String> actions = reconcile(settings);
        assertTrue(actions.get(0).startsWith("created with a generated password written to "), actions.toString());
        var file = initialPasswordFile.path();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String generated = Files.readString(file).strip();
        assertTrue(generated.length() >= 32, "a strong generated password");
        TestApi.token(settings.username(), generated);
    }

    @Test
    void shouldLeaveTheFastPathToTheReconciliationWhileADeletedUsersTokensRemain() throws Exception {
        AdminSettings settings = settings("first-password-1");
        reconcile(settings);
        assertTrue(atRest.holds(settings));
        try (Connection connection = catalog.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF"); // as an operator's sqlite3 session could
            statement.execute("INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at)"
                    + " VALUES ('orphan-of-a-deleted-user', 987654321, 0, 4102444800000)");
            statement.execute("PRAGMA foreign_keys = ON");
        }
        assertFalse(atRest.holds(settings), "a token of a deleted user is for the reconciliation to revoke");
        QuarkusTransaction.requiringNew().run(() -> reconciler.reconcile(settings));
        assertTrue(atRest.holds(settings));
    }

    private static AdminSettings settings(String password) {
        return new AdminSettings(TestApi.uniqueName("ops"), Optional.of("ops@example.org"), Optional.of(password));
    }

    /**
     * Reconciles, and checks the boot's fast path against the outcome for the same catalog: it may
     * skip the reconciliation exactly when the reconciliation changes nothing.
     */
    private List<String> reconcile(AdminSettings settings) {
        boolean fastPath = atRest.holds(settings);
        List<String> actions = QuarkusTransaction.requiringNew().call(() -> reconciler.reconcile(settings));
        assertEquals(actions.isEmpty(), fastPath, "the fast path " + (fastPath ? "took" : "missed") + " " + actions);
        return actions;
    }

    private static long count(String username) {
        return QuarkusTransaction.requiringNew().call(() -> User.count("username", username));
    }
}
