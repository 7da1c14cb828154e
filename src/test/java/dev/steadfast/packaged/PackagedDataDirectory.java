package dev.steadfast.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the packaged application that {@code @QuarkusIntegrationTest} launches (the jar, or the
 * native binary with {@code -Dnative}) a fresh data directory of its own: the values returned here
 * reach that process as system properties. Everything else comes from the {@code test} profile
 * the process runs in ({@code quarkus.test.integration-test-profile}), as for {@code @QuarkusTest}.
 */
public class PackagedDataDirectory implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String root = System.getProperty("steadfast.test.data-root", "target/it-data");
        try {
            Path dataDir = Files.createDirectories(Path.of(root, "packaged-" + System.nanoTime()).toAbsolutePath());
            return Map.of("steadfast.data-dir", dataDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The directory stays under target/ for the post-mortem of a failed run.
    }
}
