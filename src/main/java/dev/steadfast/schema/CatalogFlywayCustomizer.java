package dev.steadfast.schema;

import dev.steadfast.datadir.DataDirectoryLock;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Boot steps 1 and 2 meet here: Quarkus calls this just before it migrates the catalog
 * (migrate-at-start), so the data directory is checked and locked before the first connection,
 * and Flyway gets the callbacks that refuse a database from a newer release.
 */
@Singleton
public class CatalogFlywayCustomizer implements FlywayConfigurationCustomizer {

    public static final String SET = "catalog";

    private final DataDirectoryLock lock;

    CatalogFlywayCustomizer(DataDirectoryLock lock) {
        this.lock = lock;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        lock.acquire();
        Callback guard = new NewerDatabaseGuard(SET, MigrationIndex.load(SET).newest());
        configuration.callbacks(Stream.concat(Arrays.stream(configuration.getCallbacks()), Stream.of(guard))
                .toArray(Callback[]::new));
        // Quarkus/Flyway ignore "future" migrations by default; a newer database must stop the boot.
        configuration.ignoreMigrationPatterns(new String[0]);
    }
}
