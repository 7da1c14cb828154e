package dev.steadfast.bootstrap;

import dev.steadfast.auth.PasswordPolicy;
import dev.steadfast.common.SteadfastConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings checked first, before the data-directory lock and the catalog's migration (boot
 * step 3 calls this): a typo in the admin's secret must stop an upgrade before it migrates and
 * snapshots anything, and a value no code path can work with (no project file open at once, a
 * token born expired) must stop the boot, naming the setting, rather than come out as a 500 on every
 * project request later.
 */
@ApplicationScoped
public class SettingsCheck {

    static final String EMPTY_PASSWORD_VARIABLE = "STEADFAST_ADMIN_PASSWORD";

    private final SteadfastConfig config;
    private final PasswordPolicy policy;

    SettingsCheck(SteadfastConfig config, PasswordPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    /** Throws, naming every setting that cannot work, when one does not. */
    public void requireValid() {
        List<String> problems = problems(config, System.getenv(EMPTY_PASSWORD_VARIABLE));
        if (!problems.isEmpty()) {
            throw new AdminConfigurationException("Refusing to start: " + String.join("; ", problems) + ".");
        }
        AdminSettings.from(config.admin(), policy); // the admin's name, password or secret file
    }

    static List<String> problems(SteadfastConfig config, String passwordVariable) {
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
        if (passwordVariable != null && passwordVariable.isEmpty()) {
            // Quarkus reads an empty value as no value: the admin would silently get a generated password.
            problems.add("environment variable " + EMPTY_PASSWORD_VARIABLE + " is set but empty: set the password,"
                    + " or unset the variable to have one generated");
        }
        return problems;
    }

    private static void atLeastOne(List<String> problems, String name, long value) {
        if (value < 1) {
            problems.add(setting(name) + " is " + value + ": it must be at least 1");
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
