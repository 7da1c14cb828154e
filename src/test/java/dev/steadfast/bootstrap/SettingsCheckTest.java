package dev.steadfast.bootstrap;

import dev.steadfast.common.SteadfastConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings no code path can work with are named before the boot touches anything; each of these
 * used to pass the boot and fail later (500s on every project request, tokens born expired or
 * outliving their maximum, a generated admin password instead of the one meant).
 */
class SettingsCheckTest {

    @Test
    void shouldFindNothingWrongWithTheDefaults() {
        assertEquals(List.of(), SettingsCheck.problems(config(Map.of()), name -> null));
    }

    @Test
    void shouldNameEachSettingThatCannotWorkWithItsEnvironmentVariable() {
        Map<String, String> zeros = Map.of(
                "steadfast.projects.max-open", "0",
                "steadfast.projects.pool-size", "0",
                "steadfast.projects.migration-parallelism", "-1",
                "steadfast.backups.keep", "0",
                "steadfast.projects.run-timeout", "0s");
        List<String> problems = SettingsCheck.problems(config(zeros), name -> null);
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.contains("steadfast.projects.max-open (STEADFAST_PROJECTS_MAX_OPEN) is 0: it must be at least 1"),
                problems.toString());
        assertTrue(problems.contains("steadfast.projects.migration-parallelism (STEADFAST_PROJECTS_MIGRATION_PARALLELISM)"
                + " is -1: it must be at least 1"), problems.toString());
    }

    @Test
    void shouldRefuseATokenLifetimeOfZeroOrLongerThanTheMaximum() {
        List<String> longer = SettingsCheck.problems(config(Map.of("steadfast.auth.token-ttl", "60d")), name -> null);
        assertEquals(1, longer.size(), longer.toString());
        assertTrue(longer.get(0).startsWith("steadfast.auth.token-ttl (STEADFAST_AUTH_TOKEN_TTL) is PT1440H, longer than"
                + " steadfast.auth.token-max-ttl (STEADFAST_AUTH_TOKEN_MAX_TTL) (PT720H)"), longer.get(0));
        List<String> zero = SettingsCheck.problems(config(Map.of("steadfast.auth.token-ttl", "0s")), name -> null);
        assertEquals(List.of("steadfast.auth.token-ttl (STEADFAST_AUTH_TOKEN_TTL) is PT0S: it must be longer than zero"), zero);
    }

    @Test
    void shouldRefuseAnAdminPasswordOrPasswordFileVariableSetButEmpty() {
        List<String> problems = SettingsCheck.problems(config(Map.of()), Map.of("STEADFAST_ADMIN_PASSWORD", "")::get);
        assertEquals(List.of("environment variable STEADFAST_ADMIN_PASSWORD is set but empty: set it, or unset it to"
                + " have a password generated"), problems);
        // The file variable too (the Kubernetes manifest uses it): it fell back to a generated password.
        assertEquals(List.of("environment variable STEADFAST_ADMIN_PASSWORD_FILE is set but empty: set it, or unset it"
                + " to have a password generated"),
                SettingsCheck.problems(config(Map.of()), Map.of("STEADFAST_ADMIN_PASSWORD_FILE", "")::get));
        assertEquals(List.of(), SettingsCheck.problems(config(Map.of()), Map.of("STEADFAST_ADMIN_PASSWORD", "a-real-password-1")::get));
    }

    @Test
    void shouldRefuseNegativeWaitsAndDelaysButTakeZeroAsNoWait() {
        Map<String, String> negative = Map.of(
                "steadfast.lock-wait", "-30s",
                "steadfast.database.busy-timeout-millis", "-1",
                "steadfast.shutdown.readiness-delay", "-5s",
                "steadfast.shutdown.drain-timeout", "-1s",
                "steadfast.admin.retry-initial-delay", "-1s",
                "steadfast.admin.retry-max-delay", "0s");
        List<String> problems = SettingsCheck.problems(config(negative), name -> null);
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.contains("steadfast.database.busy-timeout-millis (STEADFAST_DATABASE_BUSY_TIMEOUT_MILLIS) is"
                + " PT-0.001S: it must not be negative"), problems.toString());
        assertTrue(problems.contains("steadfast.admin.retry-max-delay (STEADFAST_ADMIN_RETRY_MAX_DELAY) is PT0S: it must"
                + " be longer than zero"), problems.toString());
        Map<String, String> zero = Map.of("steadfast.lock-wait", "0s", "steadfast.database.busy-timeout-millis", "0",
                "steadfast.shutdown.readiness-delay", "0s", "steadfast.shutdown.drain-timeout", "0s");
        assertEquals(List.of(), SettingsCheck.problems(config(zero), name -> null));
    }

    /** The mapping as Quarkus builds it from these values and the defaults. */
    private static SteadfastConfig config(Map<String, String> values) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "steadfast.data-dir", "./data",
                "steadfast.database.busy-timeout-millis", "5000",
                "steadfast.database.synchronous", "FULL",
                "steadfast.shutdown.readiness-delay", "5s",
                "steadfast.shutdown.drain-timeout", "20s"));
        settings.putAll(values);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(SteadfastConfig.class)
                .build().getConfigMapping(SteadfastConfig.class);
    }
}
