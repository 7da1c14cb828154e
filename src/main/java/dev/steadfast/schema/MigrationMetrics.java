package dev.steadfast.schema;

import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.time.Duration;

/**
 * Tallies the migrations of one Flyway run (how many, how long) and publishes them as
 * {@code steadfast.migrations.applied} and {@code steadfast.migrations.duration}, tagged by set.
 * Tallied first and published after: the catalog migrates before Micrometer's registries are
 * bound, and counts recorded that early would be lost.
 */
public class MigrationMetrics implements Callback {

    private final String set;
    private int applied;
    private long nanos;
    private long started;

    public MigrationMetrics(String set) {
        this.set = set;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            started = System.nanoTime();
        } else {
            nanos += System.nanoTime() - started;
            applied++;
        }
    }

    /** Adds this run's tally to the registry, once. */
    public synchronized void publishTo(MeterRegistry registry) {
        registry.counter("steadfast.migrations.applied", "set", set).increment(applied);
        if (applied > 0) {
            registry.timer("steadfast.migrations.duration", "set", set).record(Duration.ofNanos(nanos));
        }
        applied = 0;
        nanos = 0;
    }

    @Override
    public String getCallbackName() {
        return "steadfast-migration-metrics";
    }
}
