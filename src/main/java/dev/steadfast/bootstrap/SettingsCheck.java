package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The settings checked first, before the data-directory lock and the catalog's migration (boot
 * step 3 calls this): a typo in the admin's secret must stop an upgrade before it migrates and
 * snapshots anything, and a value no code path can work with (no project file open at once, a
 * token born expired) must stop the boot, naming the setting, rather than come out as a 500 on every
 * project request later.
 */
@ApplicationScoped
public class SettingsCheck {

    /** Variables Quarkus reads as unset when empty: the admin would silently get a generated password. */
    static final List<String> SECRET_VARIABLES = List.of("STEADFAST_ADMIN_PASSWORD", "STEADFAST_ADMIN_PASSWORD_FILE");

    private final SteadfastConfig config;
    private final PasswordPolicy policy;

    SettingsCheck(SteadfastConfig config, PasswordPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    /** Throws, naming every setting that cannot work, when one does not. */
    public void requireValid() {
        List<String> problems = problems(config, System::getenv);
        if (!problems.isEmpty()) {
            throw new AdminConfigurationException("Refusing to start: " + String.join("; ", problems) + ".");
        }
        AdminSettings.from(config.admin(), policy); // the admin's name, password or secret file
    }

    /** What cannot work in these settings; {@code environment} gives an environment variable's value by name. */
    static List<String> problems(SteadfastConfig config, Function<String, String> environment) {
        List<String> problems = new ArrayList<>();
        SteadfastConfig.Projects projects = config.projects();
        atLeastOne(problems, "steadfast.projects.max-open", projects.maxOpen());
        atLeastOne(problems, "steadfast.projects.pool-size", projects.poolSize());
        atLeastOne(problems, "steadfast.projects.migration-parallelism", projects.migrationParallelism());
        atLeastOne(problems, "steadfast.projects.max-artifact-bytes", projects.maxArtifactBytes());
        atLeastOne(problems, "steadfast.backups.keep", config.backups().keep());
        atLeastOne(problems, "steadfast.auth.password-min-length", config.auth().passwordMinLength());
        positive(problems, "steadfast.projects.run-timeout", projects.runTimeout());
        Duration ttl = config.auth().tokenTtl();
        Duration maxTtl = config.auth().tokenMaxTtl();
        positive(problems, "steadfast.auth.token-ttl", ttl);
        positive(problems, "steadfast.auth.token-max-ttl", maxTtl);
        if (ttl.compareTo(maxTtl) > 0) {
            problems.add(setting("steadfast.auth.token-ttl") + " is " + ttl + ", longer than "
                    + setting("steadfast.auth.token-max-ttl") + " (" + maxTtl + "): no token may live longer than that");
        }
        // Waits and delays: zero means "do not wait"; a negative one made the lock wait and the busy
        // timeout give up at once (false 503s under two writers) and the shutdown skip its drain.
        notNegative(problems, "steadfast.lock-wait", config.lockWait());
        notNegative(problems, "steadfast.database.busy-timeout-millis", Duration.ofMillis(config.database().busyTimeoutMillis()));
        notNegative(problems, "steadfast.shutdown.readiness-delay", config.shutdown().readinessDelay());
        notNegative(problems, "steadfast.shutdown.drain-timeout", config.shutdown().drainTimeout());
        positive(problems, "steadfast.admin.retry-initial-delay", config.admin().retryInitialDelay());
        positive(problems, "steadfast.admin.retry-max-delay", config.admin().retryMaxDelay());
        for (String variable : SECRET_VARIABLES) {
            String value = environment.apply(variable);
            if (value != null && value.isEmpty()) {
                problems.add("environment variable " + variable + " is set but empty: set it,"
                        + " or unset it to have a password generated");
            }
        }
        return problems;
    }

    private static void atLeastOne(List<String> problems, String name, long value) {
        if (value < 1) {
            problems.add(setting(name) + " is " + value + ": it must be at least 1");
        }
    }

    private static void notNegative(List<String> problems, String name, Duration value) {
        if (value.isNegative()) {
            problems.add(setting(name) + " is " + value + ": it must not be negative");
        }
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(setting(name) + " is " + value + ": it must be longer than zero");
        }
    }

    /** The setting and the environment variable an operator sets it with. */
    private static String setting(String name) {
        return name + " (" + name.toUpperCase().replace('.', '_').replace('-', '_') + ")";
    }
}
