package dev.steadfast.health;

import dev.steadfast.datadir.CatalogDamage;
import dev.steadfast.schema.CatalogSchema;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the catalog is at the newest version this build knows, nothing pending or failed, and
 * no request found it damaged (a restart would not repair it, so liveness stays UP).
 */
@Readiness
@ApplicationScoped
public class CatalogSchemaCheck implements HealthCheck {

    private final CatalogSchema schema;
    private final CatalogDamage damage;

    CatalogSchemaCheck(CatalogSchema schema, CatalogDamage damage) {
        this.schema = schema;
        this.damage = damage;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("catalog-schema");
        if (damage.reason() != null) {
            return response.down().withData("error", damage.reason()).build();
        }
        try {
            CatalogSchema.Status status = schema.status();
            return response.status(status.upToDate())
                    .withData("version", status.version())
                    .withData("newestKnown", status.newestKnown())
                    .withData("pending", status.pending())
                    .withData("applied", status.applied())
                    .withData("failed", status.failed())
                    .build();
        } catch (RuntimeException e) {
            return response.down().withData("error", "cannot read the migration history: " + e.getMessage()).build();
        }
    }
}
