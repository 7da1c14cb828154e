package dev.steadfast.common;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings are checked when the configuration is read, which is what stops the boot: these build
 * the mapping the way Quarkus does, from the given values, without starting the service.
 */
class SteadfastConfigTest {

    @Test
    void shouldAcceptTheSupportedSynchronousLevelsInAnyCase() {
        assertEquals("FULL", synchronous("FULL"));
        assertEquals("NORMAL", synchronous("normal"));
        assertEquals("FULL", synchronous("Full"));
    }

    @Test
    void shouldRefuseAnUnknownOrUnsupportedSynchronousLevelNamingTheSetting() {
        for (String value : new String[]{"BOGUS", "OFF", "EXTRA"}) {
            RuntimeException refused = assertThrows(RuntimeException.class, () -> synchronous(value), value);
            String message = refused.getMessage();
            assertTrue(message.contains("steadfast.database.synchronous"), message);
            assertTrue(message.contains(value), message);
        }
    }

    /** The level the service uses, as it names it to SQLite. */
    private static String synchronous(String value) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "steadfast.data-dir", "./data",
                "steadfast.database.busy-timeout-millis", "5000",
                "steadfast.shutdown.readiness-delay", "5s",
                "steadfast.shutdown.drain-timeout", "20s"));
        settings.put("steadfast.database.synchronous", value);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "30s" form
                .withMapping(SteadfastConfig.class)
                .build();
        return String.valueOf(config.getConfigMapping(SteadfastConfig.class).database().synchronous());
    }
}
