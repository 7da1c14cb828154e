package dev.steadfast.health;

import dev.steadfast.bootstrap.BootProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Startup probe: UP once every boot step has run, so a long migration is not mistaken for a hang. */
@Startup
@ApplicationScoped
public class BootCheck implements HealthCheck {

    private final BootProgress progress;

    BootCheck(BootProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("boot").status(progress.finished()).build();
    }
}
