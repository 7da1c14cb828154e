package dev.steadfast.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Where admin reconciliation stands; readiness reports it. */
@ApplicationScoped
public class AdminBootstrapStatus {

    public enum State { PENDING, RECONCILED, RETRYING }

    public record Snapshot(State state, String username, String lastAction, String lastError, int attempts,
                           Instant at) {
    }

    private volatile Snapshot snapshot = new Snapshot(State.PENDING, null, null, null, 0, Instant.now());

    public Snapshot current() {
        return snapshot;
    }

    void reconciled(String username, String action, int attempts) {
        snapshot = new Snapshot(State.RECONCILED, username, action, null, attempts, Instant.now());
    }

    void retrying(String username, String error, int attempts) {
        snapshot = new Snapshot(State.RETRYING, username, snapshot.lastAction(), error, attempts, Instant.now());
    }
}
