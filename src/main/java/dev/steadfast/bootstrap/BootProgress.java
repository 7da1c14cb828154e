package dev.steadfast.bootstrap;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Marks the end of the boot steps (lock, catalog migration, admin reconciliation): observed after
 * every other startup observer, so the startup probe turns UP only once they have all run.
 */
@ApplicationScoped
public class BootProgress {

    private static final Logger LOG = Logger.getLogger(BootProgress.class);
    private volatile boolean finished;

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        finished = true;
        LOG.info("Boot steps finished");
    }

    public boolean finished() {
        return finished;
    }
}
