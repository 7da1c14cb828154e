package dev.steadfast.schema;

import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.jboss.logging.Logger;

import java.util.Arrays;

/** The catalog's schema state as Flyway sees it: what readiness and operators are told. */
@ApplicationScoped
public class CatalogSchema {

    private static final Logger LOG = Logger.getLogger(CatalogSchema.class);

    private final Flyway flyway;
    private final CatalogFlywayCustomizer customizer;
    private final MeterRegistry registry;

    CatalogSchema(Flyway flyway, CatalogFlywayCustomizer customizer, MeterRegistry registry) {
        this.flyway = flyway;
        this.customizer = customizer;
        this.registry = registry;
    }

    public record Status(String version, String newestKnown, int applied, int pending, int failed) {
        public boolean upToDate() {
            return pending == 0 && failed == 0 && version.equals(newestKnown);
        }
    }

    public Status status() {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        int failed = (int) Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
        int applied = (int) Arrays.stream(info.applied()).filter(m -> m.getState() == MigrationState.SUCCESS).count();
        return new Status(current == null ? "none" : current.getVersion().getVersion(),
                MigrationIndex.load(CatalogFlywayCustomizer.SET).newest().getVersion(),
                applied, info.pending().length, failed);
    }

    /** One line at boot saying where the catalog stands, after Quarkus migrated it. */
    void logAtBoot(@Observes @Priority(10) StartupEvent event) {
        customizer.metrics().publishTo(registry);
        Status status = status();
        LOG.infof("Catalog schema at version %s (%d migrations applied, %d pending, newest known %s)",
                status.version(), status.applied(), status.pending(), status.newestKnown());
    }
}
