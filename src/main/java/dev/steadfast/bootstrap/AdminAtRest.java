package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordHasher;
import dev.steadfast.user.Role;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The fast path of the admin's reconciliation: whether the catalog already holds the configured
 * admin exactly as a reconciliation would leave it, read with plain JDBC. On a restart with nothing
 * to change, the common case, the boot then opens no Hibernate session at all: the reconciliation's
 * transaction was the boot's first, and loading and warming up Hibernate's session, query and
 * transaction classes for it took most of the 400 ms of the boot's startup event on the benchmark
 * machine (docs/performance.md). A request pays that later, as in any Quarkus application.
 * <p>
 * It answers true only for what {@link AdminReconciler#reconcile} would leave unchanged: no token of
 * a deleted user, the admin present, active and an ADMIN, and, when a password is configured, its
 * fingerprint applied to this row and matching it, over a usable bcrypt hash. Anything else, a read
 * that fails included, answers false, and the reconciliation runs in its transaction as before.
 * The data-directory lock keeps every other process out, so the reads need no common snapshot.
 */
@ApplicationScoped
class AdminAtRest {

    private static final Logger LOG = Logger.getLogger(AdminAtRest.class);

    private final AgroalDataSource catalog;
    private final PasswordHasher hasher;
    private final AdminFingerprintPrecheck precheck;

    AdminAtRest(AgroalDataSource catalog, PasswordHasher hasher, AdminFingerprintPrecheck precheck) {
        this.catalog = catalog;
        this.hasher = hasher;
        this.precheck = precheck;
    }

    boolean holds(AdminSettings settings) {
        try (Connection connection = catalog.getConnection()) {
            return !hasOrphanTokens(connection) && holdsAdmin(connection, settings);
        } catch (SQLException e) {
            LOG.debugf("Admin fast path not taken: %s", e.getMessage());
            return false;
        }
    }

    private static boolean hasOrphanTokens(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM api_tokens WHERE user_id NOT IN (SELECT id FROM users))");
             ResultSet row = statement.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    private boolean holdsAdmin(Connection connection, AdminSettings settings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT role, active, password_hash, created_at FROM users WHERE username = ?")) {
            statement.setString(1, settings.username());
            try (ResultSet admin = statement.executeQuery()) {
                if (!admin.next() || !Role.ADMIN.name().equals(admin.getString("role")) || !admin.getBoolean("active")) {
                    return false;
                }
                if (settings.password().isEmpty()) {
                    return true;
                }
                return hasher.isUsable(admin.getString("password_hash"))
                        && fingerprintApplied(connection, settings, admin.getLong("created_at"));
            }
        }
    }

    /** The configured password's fingerprint, written for this row (not a deleted namesake's), matches. */
    private boolean fingerprintApplied(Connection connection, AdminSettings settings, long adminCreatedAt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT value, updated_at FROM bootstrap_state WHERE name = ?")) {
            statement.setString(1, AdminReconciler.fingerprintKey(settings.username()));
            try (ResultSet fingerprint = statement.executeQuery()) {
                return fingerprint.next() && fingerprint.getLong("updated_at") >= adminCreatedAt
                        && precheck.matches(settings.password().get(), fingerprint.getString("value"));
            }
        }
    }
}
