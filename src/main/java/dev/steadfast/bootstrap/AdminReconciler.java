package dev.steadfast.bootstrap;

import dev.steadfast.audit.AuditLog;
import dev.steadfast.auth.ApiToken;
import dev.steadfast.auth.PasswordHasher;
import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.auth.TokenService;
import dev.steadfast.common.Errors;
import dev.steadfast.common.SqliteDamage;
import dev.steadfast.common.SteadfastConfig;
import dev.steadfast.datadir.CatalogDamage;
import dev.steadfast.user.Role;
import dev.steadfast.user.User;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Boot step 3: makes sure the configured admin exists, is active and is an ADMIN, at every boot.
 * It creates, heals and applies a changed configured password, and otherwise changes nothing: a
 * password changed on purpose through the API survives restarts. Invalid settings stop the boot;
 * a database error is retried with backoff while readiness reports DOWN and the process lives on,
 * unless SQLite reports the catalog damaged, which only a restore repairs.
 */
@ApplicationScoped
public class AdminReconciler {

    /** bcrypt of the configured secret last applied: tells "changed in config" from "unchanged". */
    static String fingerprintKey(String username) {
        return "admin.configured-password.fingerprint:" + username.toLowerCase(java.util.Locale.ROOT);
    }
    private static final Logger LOG = Logger.getLogger(AdminReconciler.class);

    private final SteadfastConfig config;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final AuditLog audit;
    private final InitialAdminPasswordFile initialPassword;
    private final AdminBootstrapStatus status;
    private final MeterRegistry registry;
    private final AdminFingerprintPrecheck precheck;
    private final AdminAtRest atRest;
    private final CatalogDamage catalogDamage;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "admin-reconciler-retry");
        thread.setDaemon(true);
        return thread;
    });

    AdminReconciler(SteadfastConfig config, PasswordPolicy policy, PasswordHasher hasher, TokenService tokens,
                    AuditLog audit, InitialAdminPasswordFile initialPassword, AdminBootstrapStatus status,
                    MeterRegistry registry, AdminFingerprintPrecheck precheck, AdminAtRest atRest,
                    CatalogDamage catalogDamage) {
        this.config = config;
        this.policy = policy;
        this.hasher = hasher;
        this.tokens = tokens;
        this.audit = audit;
        this.initialPassword = initialPassword;
        this.status = status;
        this.registry = registry;
        this.precheck = precheck;
        this.atRest = atRest;
        this.catalogDamage = catalogDamage;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        AdminSettings settings = AdminSettings.from(config.admin(), policy); // invalid: the boot fails here
        attempt(settings, 1);
    }

    void onStop(@Observes ShutdownEvent event) {
        retries.shutdownNow();
    }

    private void attempt(AdminSettings settings, int attempt) {
        try {
            List<String> actions = atRest.holds(settings) ? List.of()
                    : QuarkusTransaction.requiringNew().call(() -> reconcile(settings));
            String summary = actions.isEmpty() ? "unchanged" : String.join(", ", actions);
            status.reconciled(summary, attempt);
            count(actions.isEmpty() ? "unchanged" : actions.get(0).startsWith("created") ? "created"
                    : actions.get(0).startsWith("re-enabled") ? "healed" : "password-applied");
            LOG.infof("Admin '%s' reconciled: %s", settings.username(), summary);
        } catch (RuntimeException e) {
            Optional<String> damage = SqliteDamage.found(e);
            if (damage.isPresent()) {
                // Corrupt, or not a database: retrying would fail the same way for ever. Readiness
                // stays DOWN, and the log says once which file to restore (CatalogDamage).
                catalogDamage.found(damage.get());
                status.stopped(Errors.rootMessage(e), attempt);
                count("failed");
                LOG.errorf("Admin reconciliation stopped (attempt %d): the catalog is damaged; readiness stays DOWN"
                        + " until it is restored and the service restarted", attempt);
                return;
            }
            Duration delay = backoff(attempt);
            String reason = Errors.rootMessage(e);
            status.retrying(reason, attempt);
            count("failed");
            LOG.warnf("Admin reconciliation failed (attempt %d): %s; readiness stays DOWN, retrying in %d ms",
                    attempt, reason, delay.toMillis());
            retries.schedule(() -> attempt(settings, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One transaction; returns what it changed, in words for the log and readiness. */
    List<String> reconcile(AdminSettings settings) {
        List<String> actions = new ArrayList<>();
        // Before the admin may be created: a new row can take a deleted one's id, and its tokens with it.
        int orphaned = ApiToken.deleteOrphans();
        if (orphaned > 0) {
            LOG.warnf("Revoked %d token(s) of users deleted from the catalog with foreign keys off (by hand, with "
                    + "sqlite3?): a new user given such an id would have signed in with them", orphaned);
        }
        User admin = User.findByUsername(settings.username()).orElse(null);
        if (admin == null) {
            admin = new User();
            admin.username = settings.username();
            admin.email = settings.email().orElse(null);
            admin.role = Role.ADMIN;
            admin.active = true;
            admin.createdAt = Instant.now();
            admin.updatedAt = admin.createdAt;
            if (settings.password().isPresent()) {
                // One bcrypt round for both: the fingerprint is the same salted hash of the same secret.
                admin.passwordHash = hasher.hash(settings.password().get());
                BootstrapState.put(fingerprintKey(settings.username()), admin.passwordHash);
                actions.add("created with the configured password");
            } else {
                // Written before the commit: if the commit fails, the retry writes a fresh one.
                admin.passwordHash = hasher.hash(initialPassword.generateAndWrite());
                BootstrapState.remove(fingerprintKey(settings.username()));
                actions.add("created with a generated password written to " + initialPassword.path());
                LOG.warnf("No admin password is configured: a generated one is in %s (readable by this user only). "
                        + "Sign in, change it, then delete the file.", initialPassword.path());
            }
            admin.persist();
            audit.record(AuditLog.SYSTEM, "admin.created", admin.username, null);
            return actions;
        }
        if (!admin.isActiveAdmin()) {
            LOG.warnf("Admin '%s' was %s; re-enabling it with the ADMIN role", admin.username,
                    admin.active ? "demoted to " + admin.role : "disabled");
            audit.record(AuditLog.SYSTEM, "admin.healed", admin.username, "active=" + admin.active + ", role=" + admin.role);
            admin.active = true;
            admin.role = Role.ADMIN;
            admin.updatedAt = Instant.now();
            // Disabling or demoting the admin is how an operator cuts off a token that leaked: the
            // heal brings the account back, never the tokens it had.
            tokens.revokeAllOf(admin.id, null);
            actions.add("re-enabled and re-granted ADMIN, its tokens revoked");
        }
        if (settings.password().isPresent()) {
            String configured = settings.password().get();
            Instant adminCreatedAt = admin.createdAt;
            boolean alreadyApplied = BootstrapState.<BootstrapState>findByIdOptional(fingerprintKey(settings.username()))
                    // A fingerprint older than the row was written for a deleted namesake: a user
                    // re-created under the admin's name through the API gets the configured password.
                    .filter(fingerprint -> !fingerprint.updatedAt.isBefore(adminCreatedAt))
                    .map(fingerprint -> precheck.matches(configured, fingerprint.value)).orElse(false);
            boolean usable = hasher.isUsable(admin.passwordHash);
            if (!usable) {
                LOG.warnf("Admin '%s' has a stored password hash that is not a bcrypt hash (edited by hand?), so no"
                        + " password could sign in; applying the configured password", admin.username);
            }
            if (!alreadyApplied || !usable) {
                admin.passwordHash = hasher.hash(configured);
                admin.updatedAt = Instant.now();
                BootstrapState.put(fingerprintKey(settings.username()), admin.passwordHash);
                tokens.revokeAllOf(admin.id, null);
                audit.record(AuditLog.SYSTEM, "admin.password-applied", admin.username, "configured password changed");
                actions.add("applied the newly configured password");
            }
        }
        return actions;
    }

    private void count(String action) {
        registry.counter("steadfast.admin.reconciliations", "action", action).increment();
    }

    private Duration backoff(int attempt) {
        long initial = config.admin().retryInitialDelay().toMillis();
        long delay = initial << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(delay, config.admin().retryMaxDelay().toMillis()));
    }
}
