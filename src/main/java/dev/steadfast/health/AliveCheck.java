package dev.steadfast.health;

import dev.steadfast.datadir.DataDirectoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: the process answers and still owns its data directory. It never touches a database,
 * so a slow or locked database cannot make the orchestrator kill a process that would recover.
 */
@Liveness
@ApplicationScoped
public class AliveCheck implements HealthCheck {

    private final DataDirectoryLock lock;

    AliveCheck(DataDirectoryLock lock) {
        this.lock = lock;
    }

    @Override
    public HealthCheckResponse call() {
        if (!lock.held()) {
            return HealthCheckResponse.named("alive").down()
                    .withData("error", "the data-directory lock is no longer held").build();
        }
        return HealthCheckResponse.named("alive").up().build();
    }
}
