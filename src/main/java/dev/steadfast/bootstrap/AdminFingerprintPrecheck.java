package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordHasher;
import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.common.SteadfastConfig;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starts the boot's one bcrypt check early: as soon as the catalog is migrated (a Flyway callback
 * the catalog customizer registers), the configured admin password is verified against the stored
 * fingerprint on a thread of its own, while the boot goes on starting Hibernate and HTTP. The
 * reconciliation then takes that answer instead of spending a bcrypt round on the main thread, but
 * only for exactly the password and fingerprint it reads itself in its transaction; in every other
 * case (nothing prefetched, a different fingerprint, a retry, the check failed) it verifies as
 * before. bcrypt verification is deterministic, so the answer is the same either way.
 */
@Singleton
public class AdminFingerprintPrecheck implements Callback {

    private static final Logger LOG = Logger.getLogger(AdminFingerprintPrecheck.class);

    private record Prefetched(String password, String fingerprint, CompletableFuture<Boolean> matches) {
    }

    private final SteadfastConfig config;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private volatile Prefetched prefetched;

    AdminFingerprintPrecheck(SteadfastConfig config, PasswordPolicy policy, PasswordHasher hasher) {
        this.config = config;
        this.policy = policy;
        this.hasher = hasher;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            AdminSettings settings = AdminSettings.from(config.admin(), policy);
            if (settings.password().isEmpty()) {
                return;
            }
            String fingerprint = storedFingerprint(context, settings.username());
            if (fingerprint == null) {
                return;
            }
            start(settings.password().get(), fingerprint);
        } catch (RuntimeException | SQLException e) {
            // Only a head start: the reconciliation reports invalid settings and database errors itself.
            LOG.debugf("No early admin fingerprint check: %s", e.getMessage());
        }
    }

    /** Verifies {@code password} against {@code fingerprint} on a new daemon thread. */
    void start(String password, String fingerprint) {
        CompletableFuture<Boolean> matches = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                matches.complete(hasher.verify(password, fingerprint));
            } catch (RuntimeException | Error e) {
                matches.completeExceptionally(e);
            }
        }, "admin-fingerprint-check");
        thread.setDaemon(true);
        thread.start();
        prefetched = new Prefetched(password, fingerprint, matches);
    }

    private static String storedFingerprint(Context context, String username) throws SQLException {
        try (PreparedStatement statement = context.getConnection().prepareStatement(
                "SELECT value FROM bootstrap_state WHERE name = ?")) {
            statement.setString(1, AdminReconciler.fingerprintKey(username));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /**
     * Whether {@code password} matches {@code fingerprint}: the early answer when it was computed for
     * exactly these two (used once), otherwise a bcrypt verification now.
     */
    boolean matches(String password, String fingerprint) {
        Prefetched early = prefetched;
        prefetched = null;
        if (early != null && early.password().equals(password) && early.fingerprint().equals(fingerprint)) {
            try {
                return early.matches().get();
            } catch (ExecutionException e) {
                // fall through to a check of our own
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return hasher.verify(password, fingerprint);
    }

    @Override
    public String getCallbackName() {
        return "steadfast-admin-fingerprint-precheck";
    }
}
