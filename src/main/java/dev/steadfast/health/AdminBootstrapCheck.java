package dev.steadfast.health;

import dev.steadfast.bootstrap.AdminBootstrapStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: UP only after the admin has been reconciled; while retrying, says why not. */
@Readiness
@ApplicationScoped
public class AdminBootstrapCheck implements HealthCheck {

    private final AdminBootstrapStatus status;

    AdminBootstrapCheck(AdminBootstrapStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        AdminBootstrapStatus.Snapshot now = status.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("admin-bootstrap")
                .status(now.state() == AdminBootstrapStatus.State.RECONCILED)
                .withData("state", now.state().name())
                .withData("attempts", now.attempts())
                .withData("at", now.at().toString());
        if (now.lastAction() != null) {
            response.withData("lastAction", now.lastAction());
        }
        if (now.lastError() != null) {
            response.withData("error", now.lastError());
        }
        return response.build();
    }
}
