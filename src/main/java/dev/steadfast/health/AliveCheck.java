package dev.steadfast.health;

import dev.steadfast.datadir.DataDirectoryLock;
import dev.steadfast.project.GroupCommit;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: the process answers, still owns its data directory, and can still make writes durable
 * (after a failed log sync or a SQLite I/O error nothing is retried: a restart recovers from what is
 * on disk). It never touches a
 * database, so a slow or locked database cannot make the orchestrator kill a process that would
 * recover.
 */
@Liveness
@ApplicationScoped
public class AliveCheck implements HealthCheck {

    private final DataDirectoryLock lock;
    private final GroupCommit groupCommit;

    AliveCheck(DataDirectoryLock lock, GroupCommit groupCommit) {
        this.lock = lock;
        this.groupCommit = groupCommit;
    }

    @Override
    public HealthCheckResponse call() {
        if (!lock.held()) {
            return HealthCheckResponse.named("alive").down()
                    .withData("error", "the data-directory lock is no longer held").build();
        }
        String syncFailure = groupCommit.failure();
        if (syncFailure != null) {
            return HealthCheckResponse.named("alive").down().withData("error", syncFailure).build();
        }
        return HealthCheckResponse.named("alive").up().build();
    }
}
