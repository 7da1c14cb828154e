package dev.steadfast.schema;

import dev.steadfast.bootstrap.AdminFingerprintPrecheck;
import dev.steadfast.bootstrap.SettingsCheck;
import dev.steadfast.datadir.DataDirectory;
import dev.steadfast.datadir.DataDirectoryLock;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Boot steps 1 and 2 meet here: Quarkus calls this just before it migrates the catalog
 * (migrate-at-start), so the data directory is checked and locked before the first connection,
 * and Flyway gets the callbacks that refuse a database from a newer release, snapshot and verify
 * around the migration, and count it; and, once it is migrated, start boot step 3's password check
 * early ({@link AdminFingerprintPrecheck}).
 */
@Singleton
public class CatalogFlywayCustomizer implements FlywayConfigurationCustomizer {

    public static final String SET = "catalog";

    private final DataDirectoryLock lock;
    private final DataDirectory dataDirectory;
    private final SchemaAdoption adoption;
    private final Snapshots snapshots;
    private final AdminFingerprintPrecheck adminPrecheck;
    private final SettingsCheck settings;
    private final MigrationMetrics metrics = new MigrationMetrics(SET);

    CatalogFlywayCustomizer(DataDirectoryLock lock, DataDirectory dataDirectory, SchemaAdoption adoption,
                            Snapshots snapshots, AdminFingerprintPrecheck adminPrecheck, SettingsCheck settings) {
        this.lock = lock;
        this.dataDirectory = dataDirectory;
        this.adoption = adoption;
        this.snapshots = snapshots;
        this.adminPrecheck = adminPrecheck;
        this.settings = settings;
    }

    /** What the boot's catalog migration did, published once Micrometer is ready. */
    MigrationMetrics metrics() {
        return metrics;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        // Before anything is locked, created or migrated: settings that cannot work stop the boot here.
        settings.requireValid();
        lock.acquire();
        // Before the first connection: SQLite would open an unwritable catalog read-only and the
        // service would report healthy while every sign-in fails.
        dataDirectory.requireWritableCatalog();
        // Likewise where project files are created and moved: else creating or purging one is a 500.
        dataDirectory.requireWritableSubdirectories();
        // A catalog lost beside project files looks like a first install: say so before one is made.
        dataDirectory.warnIfNewCatalogBesideProjectFiles();
        // A catalog without history (made before migrations existed) is adopted or refused here,
        // before Flyway would stop at "non-empty schema without schema history table".
        adoption.adoptIfNeeded(SET, SET, dataDirectory.catalogFile());
        MigrationVersion newest = MigrationIndex.load(SET).newest();
        MigrationSets.addCallbacks(configuration, new NewerDatabaseGuard(SET, newest, NewerDatabaseGuard.REFUSE_TO_START));
        MigrationSafetyNet.around(configuration, SET, newest, snapshots);
        MigrationSets.addCallbacks(configuration, metrics, adminPrecheck);
        // Quarkus/Flyway ignore "future" migrations by default; a newer database must stop the boot.
        configuration.ignoreMigrationPatterns(new String[0]);
        // Table rebuilds (V5) turn foreign keys off, which SQLite allows only outside a transaction:
        // Flyway runs such a script without one, as for project files (MigrationSets). Quarkus has
        // no setting for it.
        configuration.mixed(true);
    }
}
