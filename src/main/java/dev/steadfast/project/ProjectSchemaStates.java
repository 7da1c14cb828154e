package dev.steadfast.project;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The schema state of every registered project file, as boot and retries left it. */
@ApplicationScoped
public class ProjectSchemaStates {

    public enum State { PENDING, MIGRATED, QUARANTINED }

    public record Entry(State state, String reason) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ProjectSchemaStates(MeterRegistry registry) {
        Gauge.builder("steadfast.projects.quarantined", this, states -> states.count(State.QUARANTINED))
                .description("Project files quarantined because they could not be opened or migrated")
                .register(registry);
    }

    void pending(String projectId) {
        entries.put(projectId, new Entry(State.PENDING, null));
    }

    void migrated(String projectId) {
        entries.put(projectId, new Entry(State.MIGRATED, null));
    }

    void quarantined(String projectId, String reason) {
        entries.put(projectId, new Entry(State.QUARANTINED, reason));
    }

    /**
     * Quarantines a file that was serving; false when it was not (already quarantined, or being
     * checked again by a retry that will find the damage itself): of several requests that meet a
     * damaged file at once, one reports it.
     */
    boolean quarantinedWhileServing(String projectId, String reason) {
        return entries.replace(projectId, new Entry(State.MIGRATED, null), new Entry(State.QUARANTINED, reason));
    }

    void forget(String projectId) {
        entries.remove(projectId);
    }

    public Entry of(String projectId) {
        return entries.get(projectId);
    }

    public long count(State state) {
        return entries.values().stream().filter(e -> e.state() == state).count();
    }

    public int total() {
        return entries.size();
    }

    /** Quarantined project ids with their reasons, sorted for stable output. */
    public Map<String, String> quarantined() {
        Map<String, String> result = new TreeMap<>();
        entries.forEach((id, entry) -> {
            if (entry.state() == State.QUARANTINED) {
                result.put(id, entry.reason());
            }
        });
        return result;
    }
}
