package dev.steadfast.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Where admin reconciliation stands; readiness reports it. */
@ApplicationScoped
public class AdminBootstrapStatus {

    /** STOPPED: the catalog is damaged, which a restore repairs and no retry would. */
    public enum State { PENDING, RECONCILED, RETRYING, STOPPED }

    /** No username: readiness answers anyone, and the name is half of what a password guesser needs. */
    public record Snapshot(State state, String lastAction, String lastError, int attempts, Instant at) {
    }

    private volatile Snapshot snapshot = new Snapshot(State.PENDING, null, null, 0, Instant.now());

    public Snapshot current() {
        return snapshot;
    }

    void reconciled(String action, int attempts) {
        snapshot = new Snapshot(State.RECONCILED, action, null, attempts, Instant.now());
    }

    void retrying(String error, int attempts) {
        snapshot = new Snapshot(State.RETRYING, snapshot.lastAction(), error, attempts, Instant.now());
    }

    void stopped(String error, int attempts) {
        snapshot = new Snapshot(State.STOPPED, snapshot.lastAction(), error, attempts, Instant.now());
    }
}
